from odoo import api, fields, models
from odoo.tools import SQL

from ...receivable_sql import posted_receivable_lines_where

DISPUTE_IDLE_DAYS = 7
# Points of each reason, highest first: the worklist ranks by these points, then by
# overdue amount x days. Written out in the README.
EVENT_POINTS = {
    "customer_replied": 60,
    "broken_promise": 50,
    "instalment_missed": 40,
    "notice_expired": 30,
    "promise_due": 20,
    "dispute_idle": 10,
}
FIELDS_READ = {
    "account.move.line": [
        "company_id", "partner_id", "parent_state", "account_id", "reconciled", "amount_residual",
        "date_maturity", "move_id",
    ],
    "account.move": ["payment_state", "credit_einvoice_status", "amount_residual"],
    "credit.dispute.line": ["dispute_id", "move_id", "amount_disputed"],
    "res.partner": ["commercial_partner_id", "credit_collector_id", "user_id",
                    "credit_legal_action"],
    "credit.promise": ["state", "date_deadline", "date_promised", "date_closed", "partner_id",
                       "company_id", "move_ids"],
    "credit.dispute": ["state", "partner_id", "company_id", "date_opened"],
    "credit.call": ["partner_id", "company_id", "date"],
    "credit.payment.plan": ["state", "partner_id", "company_id"],
    "credit.payment.plan.line": ["plan_id", "paid", "date"],
    "credit.dunning.communication": ["state", "sent_date", "level_id", "partner_id",
                                     "company_id", "reply_pending"],
    "credit.dunning.communication.line": ["communication_id", "move_id"],
    "credit.dunning.level": ["letter_style", "payment_deadline_days"],
    "credit.statement": ["reply_pending", "partner_id", "company_id"],
}  # fmt: skip


class CreditWorklist(models.Model):
    """The collector's worklist: one row per customer and company that needs a
    person today, ranked by transparent points, then by overdue amount x days.

    Read live from the books (one query): overdue items not paused by an open
    promise nor covered by an active payment plan, less their disputed share, instalments missed,
    promises broken since the last call, promises due today, formal notices
    whose payment deadline has passed on unpaid invoices, open disputes with
    nothing in their chatter for a week. Customers in insolvency proceedings
    or legal recovery are left to their proceedings.
    """

    _name = "credit.worklist"
    _description = "Collector Worklist"
    _auto = False
    _order = "priority desc, amount_days desc, partner_id"
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    collector_id = fields.Many2one("res.users", readonly=True)
    overdue_amount = fields.Monetary(string="Overdue", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    amount_days = fields.Float(
        string="Overdue x Days",
        readonly=True,
        digits=(16, 0),
        help="Sum over the overdue invoices of the amount due times its days late.",
    )
    customer_replied = fields.Boolean(
        readonly=True, help="The customer replied to a reminder or a statement: answer it."
    )
    broken_promise = fields.Boolean(readonly=True)
    instalment_missed = fields.Boolean(readonly=True)
    notice_expired = fields.Boolean(string="Formal Notice Expired", readonly=True)
    promise_due = fields.Boolean(string="Promise Due Today", readonly=True)
    dispute_idle = fields.Boolean(readonly=True)
    priority = fields.Integer(readonly=True, aggregator="max")
    reason = fields.Char(compute="_compute_reason")
    open_invoice_ids = fields.Many2many(
        "account.move", string="Open Invoices", compute="_compute_open_invoice_ids"
    )
    call_ids = fields.One2many(related="partner_id.credit_call_ids")
    promise_ids = fields.One2many(related="partner_id.credit_promise_ids")
    dispute_ids = fields.One2many(related="partner_id.credit_dispute_ids")
    payment_plan_ids = fields.One2many(related="partner_id.credit_payment_plan_ids")
    communication_ids = fields.Many2many(
        "credit.dunning.communication", compute="_compute_communication_ids", string="Reminders"
    )

    @property
    def _table_query(self):
        for model, field_names in FIELDS_READ.items():
            self.env[model].flush_model(field_names)
        return self._worklist_query(fields.Date.context_today(self), self.env.companies.ids)

    def _worklist_query(self, today, company_ids):
        return SQL(
            """
            WITH disputed AS (
                SELECT disputed_line.move_id, SUM(disputed_line.amount_disputed) AS amount
                  FROM credit_dispute_line disputed_line
                  JOIN credit_dispute dispute ON dispute.id = disputed_line.dispute_id
                 WHERE dispute.state = 'open'
              GROUP BY 1
            ), overdue_line AS (  -- less the share of its invoice disputed in open disputes
                SELECT line.company_id, customer.commercial_partner_id AS partner_id,
                       line.date_maturity,
                       line.amount_residual * GREATEST(
                           1 - COALESCE(disputed.amount / NULLIF(move.amount_residual, 0), 0), 0
                       ) AS residual
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN res_partner customer ON customer.id = line.partner_id
             LEFT JOIN disputed ON disputed.move_id = line.move_id
                 WHERE %(receivable)s AND line.company_id = ANY(%(companies)s)
                   AND NOT line.reconciled AND line.amount_residual > 0
                   AND line.date_maturity < %(today)s
                   AND line.move_id NOT IN (
                       SELECT rel.move_id FROM credit_promise_move_rel rel
                         JOIN credit_promise promise ON promise.id = rel.promise_id
                        WHERE promise.state = 'open' AND promise.date_deadline >= %(today)s
                        UNION ALL
                       SELECT rel.move_id FROM credit_payment_plan_move_rel rel
                         JOIN credit_payment_plan plan ON plan.id = rel.plan_id
                        WHERE plan.state = 'active'
                        UNION ALL
                       SELECT id FROM account_move WHERE credit_einvoice_status = 'rejected'
                   )
            ), overdue AS (
                SELECT company_id, partner_id, SUM(residual) AS overdue_amount,
                       SUM(residual * (%(today)s - date_maturity)) AS amount_days,
                       MAX(%(today)s - date_maturity) FILTER (WHERE residual > 0) AS days_overdue
                  FROM overdue_line
              GROUP BY 1, 2
                HAVING SUM(residual) > 0
            ), last_call AS (
                SELECT company_id, partner_id, MAX(date)::date AS day
                  FROM credit_call GROUP BY 1, 2
            ), event AS (
                SELECT promise.company_id, promise.partner_id, 'broken_promise' AS kind
                  FROM credit_promise promise
             LEFT JOIN last_call USING (company_id, partner_id)
                 WHERE promise.state = 'broken'
                   AND (last_call.day IS NULL OR last_call.day < promise.date_closed)
                 UNION ALL
                SELECT company_id, partner_id, 'promise_due' FROM credit_promise
                 WHERE state = 'open' AND date_promised = %(today)s
                 UNION ALL
                SELECT dispute.company_id, dispute.partner_id, 'dispute_idle'
                  FROM credit_dispute dispute
                 WHERE dispute.state = 'open'
                   AND GREATEST(dispute.date_opened, (
                       SELECT MAX(message.date) FROM mail_message message
                        WHERE message.model = 'credit.dispute' AND message.res_id = dispute.id
                   )::date) < %(idle_since)s
                 UNION ALL
                SELECT communication.company_id, communication.partner_id, 'notice_expired'
                  FROM credit_dunning_communication communication
                  JOIN credit_dunning_level level ON level.id = communication.level_id
                  JOIN credit_dunning_communication_line notice_line
                       ON notice_line.communication_id = communication.id
                  JOIN account_move move ON move.id = notice_line.move_id
                 WHERE communication.state = 'sent' AND level.letter_style = 'formal_notice'
                   AND communication.sent_date::date + level.payment_deadline_days < %(today)s
                   AND move.payment_state IN ('not_paid', 'partial')
                 UNION ALL
                SELECT company_id, partner_id, 'customer_replied'
                  FROM credit_dunning_communication WHERE reply_pending
                 UNION ALL
                SELECT company_id, partner_id, 'customer_replied'
                  FROM credit_statement WHERE reply_pending
                 %(plan_events)s
            ), events AS (
                SELECT company_id, partner_id,
                       BOOL_OR(kind = 'customer_replied') AS customer_replied,
                       BOOL_OR(kind = 'broken_promise') AS broken_promise,
                       BOOL_OR(kind = 'instalment_missed') AS instalment_missed,
                       BOOL_OR(kind = 'notice_expired') AS notice_expired,
                       BOOL_OR(kind = 'promise_due') AS promise_due,
                       BOOL_OR(kind = 'dispute_idle') AS dispute_idle
                  FROM event WHERE company_id = ANY(%(companies)s)
              GROUP BY 1, 2
            )
            SELECT work.partner_id::bigint * 100000 + work.company_id AS id, work.company_id,
                   work.partner_id, COALESCE(%(collector)s, commercial.user_id) AS collector_id,
                   COALESCE(work.overdue_amount, 0) AS overdue_amount,
                   COALESCE(work.days_overdue, 0) AS days_overdue,
                   ROUND(COALESCE(work.amount_days, 0)) AS amount_days,
                   COALESCE(work.customer_replied, FALSE) AS customer_replied,
                   COALESCE(work.broken_promise, FALSE) AS broken_promise,
                   COALESCE(work.instalment_missed, FALSE) AS instalment_missed,
                   COALESCE(work.notice_expired, FALSE) AS notice_expired,
                   COALESCE(work.promise_due, FALSE) AS promise_due,
                   COALESCE(work.dispute_idle, FALSE) AS dispute_idle,
                   %(points)s AS priority
              FROM (SELECT * FROM overdue FULL JOIN events USING (company_id, partner_id)) work
              JOIN res_partner commercial ON commercial.id = work.partner_id
             WHERE NOT (%(left_out)s)
            """,
            today=today,
            idle_since=fields.Date.subtract(today, days=DISPUTE_IDLE_DAYS),
            receivable=posted_receivable_lines_where(self.env),
            companies=company_ids,
            plan_events=self._plan_events(today),
            collector=SQL("(commercial.credit_collector_id ->> work.company_id::text)::int"),
            left_out=SQL(" OR ").join(self._left_to_proceedings()),
            points=SQL(
                " + ".join(
                    f"CASE WHEN COALESCE(work.{kind}, FALSE) THEN {points} ELSE 0 END"
                    for kind, points in EVENT_POINTS.items()
                )
            ),
        )

    def _left_to_proceedings(self):
        """[SQL] conditions on ``commercial`` (the customer) and ``work.company_id``
        of the customers left to their proceedings rather than called: those in
        legal recovery here; a higher concern adds its own."""
        return [
            SQL(
                "COALESCE((commercial.credit_legal_action ->> work.company_id::text)::boolean,"
                " FALSE)"
            )
        ]

    def _plan_events(self, today):
        """Event rows of active payment plans with an instalment unpaid after its date."""
        return SQL(
            """
            UNION ALL
            SELECT plan.company_id, plan.partner_id, 'instalment_missed'
              FROM credit_payment_plan plan
              JOIN credit_payment_plan_line instalment ON instalment.plan_id = plan.id
             WHERE plan.state = 'active' AND NOT instalment.paid AND instalment.date < %s
            """,
            today,
        )

    @api.depends_context("lang")
    def _compute_reason(self):
        labels = {
            "customer_replied": self.env._("Customer replied"),
            "broken_promise": self.env._("Broken promise"),
            "instalment_missed": self.env._("Instalment missed"),
            "notice_expired": self.env._("Formal notice deadline passed"),
            "promise_due": self.env._("Promise due today"),
            "dispute_idle": self.env._("Dispute with no action for %s days", DISPUTE_IDLE_DAYS),
        }
        for row in self:
            reasons = [label for kind, label in labels.items() if row[kind]]
            if row.overdue_amount:
                reasons.append(
                    self.env._(
                        "%(amount)s overdue, up to %(days)s days",
                        amount=row.currency_id.format(row.overdue_amount),
                        days=row.days_overdue,
                    )
                )
            row.reason = "; ".join(reasons)

    def _compute_open_invoice_ids(self):
        invoices = self.env["account.move"].search(
            [
                ("commercial_partner_id", "in", self.partner_id.ids),
                ("company_id", "in", self.company_id.ids),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
            ],
            order="invoice_date_due, id",
        )
        grouped = invoices.grouped(lambda m: (m.commercial_partner_id.id, m.company_id.id))
        for row in self:
            row.open_invoice_ids = grouped.get((row.partner_id.id, row.company_id.id))

    def _compute_communication_ids(self):
        communications = self.env["credit.dunning.communication"].search(
            [("partner_id", "in", self.partner_id.ids), ("state", "=", "sent")],
            order="sent_date desc, id desc",
        )
        grouped = communications.grouped(lambda c: (c.partner_id.id, c.company_id.id))
        for row in self:
            row.communication_ids = grouped.get((row.partner_id.id, row.company_id.id))

    def action_log_call(self):
        self.ensure_one()
        return self.env["credit.call"]._action_log(self.partner_id, self.company_id)

    def action_open_customer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }
