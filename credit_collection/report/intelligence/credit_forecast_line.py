from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, date_utils, get_lang

from ...receivable_sql import company_dependent_column, posted_receivable_lines_where

HORIZON_WEEKS = 13
BACKTEST_WEEKS = 4


class CreditForecastLine(models.Model):
    """Expected collections of the next 13 weeks, one row per open receivable item.

    Its date is, in this order: the instalment date of an active payment plan
    (the plan's instalments replace its invoices), the promised date of an
    open promise, or the predicted payment date (due date + the customer's
    median delay, see ``credit.payment.median``); never before today. Items of
    customers in insolvency or legal recovery, or in an open dispute, are at
    risk and shown apart.
    """

    _name = "credit.forecast.line"
    _description = "Expected Collection"
    _auto = False
    _order = "expected_date, id"
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    payment_plan_id = fields.Many2one("credit.payment.plan", readonly=True)
    source = fields.Selection(
        [("prediction", "Prediction"), ("promise", "Promise to Pay"), ("plan", "Payment Plan")],
        readonly=True,
    )
    risk = fields.Selection(
        [("insolvency", "Insolvency"), ("legal", "Legal Recovery"), ("dispute", "Dispute")],
        readonly=True,
    )
    at_risk = fields.Boolean(readonly=True)
    outlook = fields.Selection(
        [("expected", "Expected"), ("at_risk", "At Risk")], readonly=True,
        help="At risk: the customer is in insolvency or legal recovery, or the invoice is disputed.",
    )  # fmt: skip
    expected_date = fields.Date(readonly=True)
    amount = fields.Monetary(string="Expected Amount", readonly=True)

    @property
    def _table_query(self):
        self._flush_read()
        _start, end = self._horizon()
        return SQL(
            "SELECT *, CASE WHEN at_risk THEN 'at_risk' ELSE 'expected' END AS outlook"
            " FROM (%s) forecast WHERE expected_date < %s",
            self._forecast_query(fields.Date.context_today(self), self.env.companies.ids),
            end,
        )

    def _week_offset(self):
        """Days from the first day of the user's weeks to the next Monday (0 when
        weeks start on Monday), as core's grouping by week counts them."""
        first_week_day = int(get_lang(self.env).week_start) - 1
        return first_week_day and 7 - first_week_day

    def _horizon(self):
        """(first day of this week, first day after the 13th week): whole weeks as the
        user's language starts them, so that grouping by week gives exactly 13."""
        offset = timedelta(days=self._week_offset())
        today = fields.Date.context_today(self)
        start = date_utils.start_of(today + offset, "week") - offset
        return start, start + timedelta(weeks=HORIZON_WEEKS)

    @api.model
    def read_group(  # noqa: PLR0917  pylint: disable=too-many-positional-arguments
        self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True
    ):
        """Grouped by week, every week of the horizon is a group, with 0 where
        nothing is expected: a reader never misses a week that has no row."""
        groupbys = [groupby] if isinstance(groupby, str) else list(groupby or [])
        by_week = groupbys[:1] == ["expected_date:week"]
        model = self
        if by_week:
            start, end = self._horizon()
            # core moves the bounds to the Monday before, then back by the offset
            monday = timedelta(days=self._week_offset())
            model = self.with_context(
                fill_temporal={
                    "fill_from": start + monday,
                    "fill_to": end - timedelta(weeks=1) + monday,
                }
            )
        groups = super(CreditForecastLine, model).read_group(
            domain, fields, groupby, offset, limit, orderby, lazy
        )
        if by_week:
            for group in groups:  # a filled week reads 0, not empty
                if group.get("amount") is False:
                    group["amount"] = 0.0
            if len(groupbys) > 1 and not lazy:
                self._name_empty_weeks(groups, groupbys[1:])
        return groups

    def _name_empty_weeks(self, groups, sub_groupbys):
        """An empty week filled in gets the first value found of each sub-grouping,
        so that a stacked chart shows no "None" series for it."""
        for name in sub_groupbys:
            value = next((group[name] for group in groups if group[name]), False)
            for group in groups:
                if not group["__count"] and not group[name]:
                    group[name] = value

    def _flush_read(self):
        for model in (
            "account.move.line", "account.move", "res.partner", "credit.promise",
            "credit.dispute", "credit.dispute.line", "credit.payment.plan",
            "credit.payment.plan.line", "credit.payment.score", "credit.payment.median",
        ):  # fmt: skip
            self.env[model].flush_model()

    def _forecast_query(self, today, company_ids):
        median = self.env["credit.payment.median"]
        return SQL(
            """
            WITH planned AS (
                SELECT rel.move_id FROM credit_payment_plan_move_rel rel
                  JOIN credit_payment_plan plan ON plan.id = rel.plan_id
                 WHERE plan.state = 'active'
            ), promised AS (
                SELECT DISTINCT ON (rel.move_id) rel.move_id, promise.date_promised
                  FROM credit_promise_move_rel rel
                  JOIN credit_promise promise ON promise.id = rel.promise_id
                 WHERE promise.state = 'open'
              ORDER BY rel.move_id, promise.date_taken DESC, promise.id DESC
            ), disputed AS (
                SELECT DISTINCT disputed_line.move_id FROM credit_dispute_line disputed_line
                  JOIN credit_dispute dispute ON dispute.id = disputed_line.dispute_id
                 WHERE dispute.state = 'open'
            )
            SELECT line.id, line.company_id, commercial.id AS partner_id, line.move_id,
                   NULL::int AS payment_plan_id,
                   CASE WHEN promised.move_id IS NULL THEN 'prediction' ELSE 'promise' END
                       AS source,
                   %(risk)s AS risk, %(risk)s IS NOT NULL AS at_risk,
                   GREATEST(%(today)s, COALESCE(
                       promised.date_promised,
                       COALESCE(line.date_maturity, line.date) + %(delay)s
                   )) AS expected_date,
                   line.amount_residual AS amount
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN res_partner customer ON customer.id = line.partner_id
              JOIN res_partner commercial ON commercial.id = customer.commercial_partner_id
              %(delay_joins)s
         LEFT JOIN promised ON promised.move_id = line.move_id
         LEFT JOIN disputed ON disputed.move_id = line.move_id
             WHERE %(receivable)s AND line.company_id = ANY(%(companies)s)
               AND NOT line.reconciled AND line.amount_residual > 0
               AND COALESCE(move.credit_einvoice_status, '') != 'rejected'
               AND line.move_id NOT IN (SELECT move_id FROM planned)
             UNION ALL
            SELECT -instalment.id, plan.company_id, plan.partner_id, NULL, plan.id, 'plan',
                   NULL, FALSE, GREATEST(%(today)s, instalment.date),
                   instalment.amount - COALESCE(instalment.amount_paid, 0)
              FROM credit_payment_plan_line instalment
              JOIN credit_payment_plan plan ON plan.id = instalment.plan_id
             WHERE plan.state = 'active' AND NOT instalment.paid
               AND plan.company_id = ANY(%(companies)s)
            """,
            today=today,
            companies=company_ids,
            receivable=posted_receivable_lines_where(self.env),
            delay=median._delay_expression(SQL("move.amount_total_signed")),
            delay_joins=median._delay_joins(
                SQL("commercial.id"),
                SQL("line.company_id"),
                company_dependent_column("credit_risk_segment_id", SQL("line.company_id")),
            ),
            risk=SQL(
                """CASE WHEN commercial.credit_insolvency THEN 'insolvency'
                        WHEN (%s)::boolean THEN 'legal'
                        WHEN disputed.move_id IS NOT NULL THEN 'dispute' END""",
                SQL("commercial.credit_legal_action ->> line.company_id::text"),
            ),
        )

    @api.model
    def _backtest(self, company, today=None):
        """(forecast, collected, mean absolute error as % of collected) of the forecast
        the books give for the last 4 weeks: the items open 4 weeks ago, dated by
        today's medians, against what was reconciled on them week by week."""
        today = today or fields.Date.context_today(self)
        start = today - timedelta(weeks=BACKTEST_WEEKS)
        self._flush_read()
        self.env["account.partial.reconcile"].flush_model()
        median = self.env["credit.payment.median"]
        rows = self.env.execute_query(
            SQL(
                """
                WITH item AS (
                    SELECT line.id, line.balance - COALESCE(before.amount, 0) AS residual,
                           GREATEST(%(start)s, COALESCE(line.date_maturity, line.date)
                                    + %(delay)s) AS expected_date
                      FROM account_move_line line
                      JOIN account_move move ON move.id = line.move_id
                      JOIN res_partner customer ON customer.id = line.partner_id
                      JOIN res_partner commercial ON commercial.id = customer.commercial_partner_id
                      %(delay_joins)s
                 LEFT JOIN (SELECT debit_move_id, SUM(amount) AS amount
                              FROM account_partial_reconcile WHERE max_date < %(start)s
                          GROUP BY debit_move_id) before ON before.debit_move_id = line.id
                     WHERE %(receivable)s AND line.company_id = %(company)s
                       AND line.date < %(start)s AND line.balance > 0
                ), weeks AS (
                    SELECT week, %(start)s + 7 * week AS first_day
                      FROM generate_series(0, %(weeks)s - 1) week
                )
                SELECT weeks.week,
                       (SELECT COALESCE(SUM(residual), 0) FROM item
                         WHERE residual > 0
                           AND expected_date >= weeks.first_day
                           AND expected_date < weeks.first_day + 7),
                       (SELECT COALESCE(SUM(partial.amount), 0)
                          FROM account_partial_reconcile partial
                          JOIN item ON item.id = partial.debit_move_id AND item.residual > 0
                         WHERE partial.max_date >= weeks.first_day
                           AND partial.max_date < weeks.first_day + 7)
                  FROM weeks ORDER BY weeks.week
                """,
                start=start,
                weeks=BACKTEST_WEEKS,
                company=company.id,
                receivable=posted_receivable_lines_where(self.env),
                delay=median._delay_expression(SQL("move.amount_total_signed")),
                delay_joins=median._delay_joins(
                    SQL("commercial.id"),
                    SQL("line.company_id"),
                    company_dependent_column("credit_risk_segment_id", company),
                ),
            )
        )
        forecast = sum(float(row[1]) for row in rows)
        collected = sum(float(row[2]) for row in rows)
        error = sum(abs(float(row[1]) - float(row[2])) for row in rows)
        return forecast, collected, (100.0 * error / collected if collected else None)

    @api.model
    def action_export_xlsx(self):
        return self.env["credit.forecast.xlsx"].action_export()

    @api.model
    def action_backtest(self):
        self.check_access("read")  # the back-test reads the ledger in SQL
        company = self.env.company
        forecast, collected, error = self._backtest(company)
        currency = company.currency_id
        if error is None:
            message = self.env._("Nothing was collected over the last 4 weeks: no accuracy.")
        else:
            message = self.env._(
                "Forecast made 4 weeks ago: %(forecast)s; collected since: %(collected)s; "
                "mean absolute error per week: %(error)s %% of what was collected.",
                forecast=currency.format(forecast),
                collected=currency.format(collected),
                error=format(error, ".1f"),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Forecast accuracy"),
                "message": message,
                "sticky": True,
            },
        }
