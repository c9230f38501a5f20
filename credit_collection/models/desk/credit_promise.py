import logging
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ...receivable_sql import posted_receivable_lines_where
from .credit_portal_guard import PORTAL_PROMISE_MAX_DAYS

_logger = logging.getLogger(__name__)

CHANNELS = [
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("letter", "Letter"),
    ("meeting", "Meeting"),
    ("portal", "Customer Portal"),
]


class CreditPromise(models.Model):
    """A customer's promise to pay some invoices by a date.

    Dunning pauses for those invoices until the promised date plus the
    company's grace days. The scheduled action marks the promise kept as soon
    as the payments reconciled on its invoices since it was taken reach the
    promised amount, and broken when the grace days are over: the next
    dunning level of its invoices is then due at once.
    """

    _name = "credit.promise"
    _description = "Promise to Pay"
    _inherit = ["credit.collection.case"]
    _order = "date_promised desc, id desc"

    currency_id = fields.Many2one(related="company_id.currency_id")
    move_ids = fields.Many2many(
        "account.move",
        "credit_promise_move_rel",
        "promise_id",
        "move_id",
        string="Invoices",
        required=True,
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),"
        " ('payment_state', 'in', ('not_paid', 'partial')),"
        " ('commercial_partner_id', '=', partner_id)]",
    )
    amount = fields.Monetary(
        string="Promised Amount",
        compute="_compute_amount",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="In company currency; by default what the invoices still owe.",
    )
    date_taken = fields.Date(
        string="Taken On", required=True, default=fields.Date.context_today, readonly=True
    )
    date_promised = fields.Date(string="Promised Date", required=True, tracking=True)
    date_deadline = fields.Date(
        string="Dunning Paused Until",
        compute="_compute_date_deadline",
        store=True,
        help="The promised date plus the company's grace days.",
    )
    user_id = fields.Many2one(
        "res.users", string="Taken By", default=lambda self: self.env.user, tracking=True
    )
    channel = fields.Selection(CHANNELS, required=True, default="phone")
    state = fields.Selection(
        [("open", "Open"), ("kept", "Kept"), ("broken", "Broken"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    date_closed = fields.Date(string="Closed On", readonly=True)
    amount_collected = fields.Monetary(
        string="Collected",
        readonly=True,
        help="Payments reconciled on the invoices since the promise, by its deadline.",
    )
    note = fields.Text()

    _sql_constraints = [
        ("amount_positive", "CHECK (amount > 0)", "A promised amount is positive."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        promises = super().create(vals_list)
        self.env["credit.call"]._link_created(promises, "promise_id")
        return promises

    @api.depends("move_ids")
    def _compute_amount(self):
        for promise in self:
            promise.amount = sum(promise.move_ids.mapped("amount_residual_signed"))

    @api.depends("date_promised", "company_id.credit_promise_grace_days")
    def _compute_date_deadline(self):
        for promise in self:
            grace = timedelta(days=promise.company_id.credit_promise_grace_days)
            promise.date_deadline = promise.date_promised and promise.date_promised + grace

    @api.constrains("partner_id", "move_ids", "date_promised", "date_taken")
    def _check_promise(self):
        for promise in self:
            promise._check_customer_invoices(promise.move_ids)
            if promise.date_promised and promise.date_promised < promise.date_taken:
                raise ValidationError(self.env._("A promise to pay cannot be dated in the past."))

    def action_cancel(self):
        if any(promise.state != "open" for promise in self):
            raise UserError(self.env._("Only an open promise can be cancelled."))
        self.write({"state": "cancelled", "date_closed": fields.Date.context_today(self)})

    @api.model
    def _cron_check_promises(self, today=None):
        """Mark open promises kept or broken; idempotent, and concurrent runs skip
        the promises another run holds."""
        today = today or fields.Date.context_today(self)
        self.flush_model()
        self.env.cr.execute(
            "SELECT id FROM credit_promise WHERE state = 'open' FOR UPDATE SKIP LOCKED"
        )
        # Every company's promises, whatever companies the cron's user works in.
        promises = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        if promises:
            promises._check_kept(today)

    def _check_kept(self, today):
        collected = self._collected()
        kept, broken = self.browse(), self.browse()
        by_amount = defaultdict(self.browse)
        for promise in self:
            amount = collected.get(promise.id, 0.0)
            by_amount[amount] |= promise
            if promise.currency_id.compare_amounts(amount, promise.amount) >= 0:
                kept |= promise
            elif promise.date_deadline < today:
                broken |= promise
        for amount, promises in by_amount.items():  # one write per amount, not per promise
            promises.write({"amount_collected": amount})
        kept.write({"state": "kept", "date_closed": today})
        broken.write({"state": "broken", "date_closed": today})
        for promise in broken:
            try:
                with self.env.cr.savepoint():
                    promise._post_broken_note()
            except Exception:  # a note is not worth stopping the run for the others
                _logger.exception("Could not note broken promise %s", promise.name)

    def _post_broken_note(self):
        body = self.env._(
            "Promise %(name)s to pay %(amount)s by %(date)s is broken: %(collected)s received. "
            "Dunning resumes at the next level.",
            name=self.name,
            amount=self.currency_id.format(self.amount),
            date=self.date_promised,
            collected=self.currency_id.format(self.amount_collected),
        )
        self.message_post(body=body)
        self.partner_id.message_post(body=body)

    def _collected(self):
        """{promise id: payments reconciled on its invoices between the day it was
        taken and its deadline, in company currency}."""
        self.env["account.move.line"].flush_model(
            ["move_id", "parent_state", "account_id", "company_id"]
        )
        self.env["account.partial.reconcile"].flush_model(["debit_move_id", "max_date", "amount"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT promise.id, SUM(partial.amount)
                  FROM credit_promise promise
                  JOIN credit_promise_move_rel rel ON rel.promise_id = promise.id
                  JOIN account_move_line line ON line.move_id = rel.move_id
                  JOIN account_partial_reconcile partial ON partial.debit_move_id = line.id
                 WHERE promise.id = ANY(%s) AND %s
                   AND partial.max_date BETWEEN promise.date_taken AND promise.date_deadline
              GROUP BY promise.id
                """,
                self.ids,
                posted_receivable_lines_where(self.env),
            )
        )
        return dict(rows)

    @api.model
    def _dunning_states(self, invoice_ids, run_date):
        """(invoice ids paused by a promise at ``run_date``, {invoice id: date its
        promise broke} for the others whose latest promise is broken or past due)."""
        if not invoice_ids:
            return set(), {}
        self.flush_model(["state", "date_deadline", "date_closed"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (rel.move_id) rel.move_id, promise.state,
                       promise.date_deadline, promise.date_closed
                  FROM credit_promise_move_rel rel
                  JOIN credit_promise promise ON promise.id = rel.promise_id
                 WHERE rel.move_id = ANY(%s) AND promise.state IN ('open', 'broken')
              ORDER BY rel.move_id, promise.date_taken DESC, promise.id DESC
                """,
                list(invoice_ids),
            )
        )
        paused, broken = set(), {}
        for move_id, state, deadline, closed in rows:
            if state == "open" and deadline >= run_date:
                paused.add(move_id)
            else:
                broken[move_id] = closed or deadline + timedelta(days=1)
        return paused, broken

    @api.model
    def _create_from_portal(self, invoice, promise_date):
        """The customer's own promise to pay ``invoice`` in full by ``promise_date``."""
        self.env["credit.portal.guard"]._check(invoice)
        try:
            day = fields.Date.to_date(promise_date)
        except ValueError:
            day = None
        today = fields.Date.context_today(self)
        if not day or day < today or day > today + timedelta(days=PORTAL_PROMISE_MAX_DAYS):
            raise UserError(
                self.env._(
                    "Choose a payment date between today and %s days from now.",
                    PORTAL_PROMISE_MAX_DAYS,
                )
            )
        if self.search_count([("move_ids", "in", invoice.ids), ("state", "=", "open")]):
            raise UserError(self.env._("A promise to pay this invoice is already recorded."))
        self._check_no_recent_broken_promise(invoice, today)
        promise = self.create(
            {
                "company_id": invoice.company_id.id,
                "partner_id": invoice.commercial_partner_id.id,
                "move_ids": [Command.set(invoice.ids)],
                "date_promised": day,
                "channel": "portal",
                "user_id": False,
            }
        )
        promise.message_post(
            body=self.env._("Promise made by the customer on the invoice's portal page.")
        )
        return promise

    def _check_no_recent_broken_promise(self, invoice, today):
        """After a broken promise, dates are agreed with a person, not self-served."""
        company = invoice.company_id
        since = today - timedelta(days=company.credit_portal_cooldown_days)
        broken = self.search_count(
            [
                ("partner_id", "=", invoice.commercial_partner_id.id),
                ("company_id", "=", company.id),
                ("state", "=", "broken"),
                ("date_closed", ">=", since),
            ],
            limit=1,
        )
        if broken:
            raise UserError(
                self.env._(
                    "A recent promise to pay was not kept: please agree on a payment date with %s.",
                    self.env["credit.portal.guard"]._contact(invoice),
                )
            )

    @api.model
    def _kept_counts(self, customers):
        """{customer id: (kept, kept or broken)} in the current company."""
        groups = self.sudo()._read_group(
            [
                ("partner_id", "in", customers.ids),
                ("company_id", "=", self.env.company.id),
                ("state", "in", ("kept", "broken")),
            ],
            ["partner_id", "state"],
            ["__count"],
        )
        counts = {}
        for partner, state, count in groups:
            kept, due = counts.get(partner.id, (0, 0))
            counts[partner.id] = (kept + (count if state == "kept" else 0), due + count)
        return counts
