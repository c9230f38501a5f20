import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ...receivable_sql import posted_receivable_lines_where
from .credit_payment_plan import INSTALMENT_REMINDERS

_logger = logging.getLogger(__name__)


class CreditPaymentPlan(models.Model):
    """Following active plans, daily: instalments matched with what the customer
    paid, reminders on and after each due date, and the plan broken once an
    instalment is missed beyond the grace days."""

    _inherit = "credit.payment.plan"

    @api.model
    def _cron_follow_plans(self, today=None):
        """Match payments, complete, break and remind the active plans; each plan in
        its own savepoint, and concurrent runs skip the plans another run holds."""
        today = today or fields.Date.context_today(self)
        self.flush_model()
        self.env.cr.execute(
            "SELECT id FROM credit_payment_plan WHERE state = 'active' FOR UPDATE SKIP LOCKED"
        )
        # Every company's plans, whatever companies the cron's user works in.
        plans = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        paid = plans._paid_since_start()
        for plan in plans:
            try:
                with self.env.cr.savepoint():
                    plan.with_company(plan.company_id)._follow(paid.get(plan.id, 0.0), today)
            except Exception:  # one plan's error must not stop the others
                _logger.exception("Following payment plan %s failed", plan.name)

    def _paid_since_start(self):
        """{plan id: paid on its invoices since it started, in company currency}."""
        if not self:
            return {}
        self.env["account.move.line"].flush_model(["move_id", "parent_state", "account_id"])
        self.env["account.partial.reconcile"].flush_model(["debit_move_id", "max_date", "amount"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT plan.id, SUM(partial.amount)
                  FROM credit_payment_plan plan
                  JOIN credit_payment_plan_move_rel rel ON rel.plan_id = plan.id
                  JOIN account_move_line line ON line.move_id = rel.move_id
                  JOIN account_partial_reconcile partial ON partial.debit_move_id = line.id
                 WHERE plan.id = ANY(%s) AND %s AND partial.max_date >= plan.date_start
              GROUP BY plan.id
                """,
                self.ids,
                posted_receivable_lines_where(self.env),
            )
        )
        return dict(rows)

    def _follow(self, paid, today):
        self._match(paid)
        currency = self.currency_id
        settled = all(
            move.payment_state in ("paid", "in_payment", "reversed") for move in self.move_ids
        )
        if settled or currency.compare_amounts(self.amount_paid, self.amount_total) >= 0:
            self.write({"state": "completed", "date_end": today})
            self.message_post(body=self.env._("All instalments are paid: the plan is completed."))
            return
        late = self.line_ids._late_since(today, self.company_id.credit_plan_break_days)
        if late:
            self._break(late[0], today)
            return
        self._remind(today)

    def _match(self, paid):
        """Payments to instalments, in date order."""
        left = paid
        for line in self.line_ids.sorted("date"):
            line.amount_paid = min(line.amount, max(left, 0.0))
            left -= line.amount_paid

    def _break(self, instalment, today):
        self.write({"state": "broken", "date_end": today})
        body = self.env._(
            "Payment plan %(plan)s is broken: the instalment of %(amount)s due on %(date)s is "
            "unpaid. The remaining balance is due and normal dunning resumes.",
            plan=self.name,
            amount=self.currency_id.format(instalment.amount - instalment.amount_paid),
            date=instalment.date,
        )
        self.message_post(body=body)
        self.partner_id.message_post(body=body)

    def _remind(self, today):
        """Each unpaid instalment gets the latest reminder it is due for, once."""
        for line in self.line_ids.filtered(lambda line: not line.paid):
            due = [
                index
                for index, (days, _template) in enumerate(INSTALMENT_REMINDERS)
                if index >= line.reminders_sent and line.date + timedelta(days=days) <= today
            ]
            if due:
                self._send_to_customer(INSTALMENT_REMINDERS[due[-1]][1], instalment=line)
                line.reminders_sent = due[-1] + 1
