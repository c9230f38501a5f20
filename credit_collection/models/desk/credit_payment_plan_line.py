from datetime import timedelta

from odoo import api, fields, models


class CreditPaymentPlanLine(models.Model):
    """One instalment of a payment plan: its date, its amount, what was paid of it
    (payments are matched to instalments in date order) and the reminders sent."""

    _name = "credit.payment.plan.line"
    _description = "Payment Plan Instalment"
    _order = "plan_id, date, id"

    plan_id = fields.Many2one("credit.payment.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    date = fields.Date(string="Due Date", required=True)
    principal = fields.Monetary()
    interest = fields.Monetary()
    amount = fields.Monetary(
        string="Instalment", compute="_compute_amount", store=True, readonly=False, precompute=True
    )
    amount_paid = fields.Monetary(string="Paid", readonly=True)
    paid = fields.Boolean(string="Fully Paid", compute="_compute_paid", store=True)
    reminders_sent = fields.Integer(readonly=True, copy=False)

    _sql_constraints = [
        ("amount_positive", "CHECK (amount > 0)", "An instalment's amount is positive."),
    ]

    @api.depends("principal", "interest")
    def _compute_amount(self):
        for line in self:
            line.amount = line.principal + line.interest

    @api.depends("amount", "amount_paid")
    def _compute_paid(self):
        for line in self:
            line.paid = line.currency_id.compare_amounts(line.amount_paid, line.amount) >= 0

    def _late_since(self, today, days):
        """Instalments unpaid more than ``days`` after their date."""
        return self.filtered(
            lambda line: not line.paid and line.date + timedelta(days=days) < today
        )
