from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# Consumer Code L312-1 and L312-4: a payment delay granted to a private individual is a
# consumer credit, with its own offer, information and withdrawal rules, unless it lasts
# three months or less and bears no interest and no (or only negligible) charges.
CONSUMER_CREDIT_FREE_MONTHS = 3


class CreditPaymentPlan(models.Model):
    """A plan granted to a private individual that charges interest beyond three
    months falls under the consumer-credit rules: the form says so before it is sent."""

    _inherit = "credit.payment.plan"

    credit_consumer_credit_warning = fields.Char(
        string="Consumer Credit", compute="_compute_credit_consumer_credit_warning"
    )

    @api.depends("partner_id", "interest_rate", "line_ids.date", "first_date",
                 "instalment_count", "interval_months")  # fmt: skip
    def _compute_credit_consumer_credit_warning(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.credit_consumer_credit_warning = (
                self.env._(
                    "%(customer)s is a private individual: a payment plan that charges interest "
                    "over more than three months is a consumer credit (articles L312-1 and L312-4 "
                    "of the French Consumer Code), with its own credit offer, information and "
                    "withdrawal period. Charge no interest, or keep the plan within three months.",
                    customer=plan.partner_id.name,
                )
                if plan._credit_is_consumer_credit(today)
                else False
            )

    def _credit_is_consumer_credit(self, today):
        customer = self.partner_id.commercial_partner_id
        if not customer or customer.credit_professional or self.interest_rate <= 0:
            return False
        last = max(self.line_ids.mapped("date"), default=False) or (
            self.first_date
            and self.first_date
            + relativedelta(months=max(self.instalment_count - 1, 0) * self.interval_months)
        )
        return bool(last) and last > today + relativedelta(months=CONSUMER_CREDIT_FREE_MONTHS)
