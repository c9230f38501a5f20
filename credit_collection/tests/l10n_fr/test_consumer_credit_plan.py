from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestConsumerCreditPlan(CreditLimitTestCommon):
    """A private individual's plan with interest beyond three months is a consumer credit
    (Consumer Code L312-1, L312-4): the form warns before the plan is sent."""

    def _plan(self, partner, count, rate):
        invoice = self._invoice(900.0, "2026-05-31", partner=partner, invoice_date="2026-05-01")
        plan = self.env["credit.payment.plan"].create(
            {
                "partner_id": partner.id,
                "move_ids": [Command.set(invoice.ids)],
                "instalment_count": count,
                "first_date": "2026-07-31",
                "interest_rate": rate,
            }
        )
        plan.action_generate_instalments()
        return plan

    def test_individual_with_interest_beyond_three_months_is_warned(self):
        person = self.env["res.partner"].create({"name": "Jeanne Martin"})
        self.assertFalse(person.credit_professional)
        # Last instalment 31 December 2026: six months away, with 5 % interest.
        plan = self._plan(person, 6, 5.0)
        self.assertIn("consumer credit", plan.credit_consumer_credit_warning)
        self.assertIn("L312-4", plan.credit_consumer_credit_warning)
        # Without interest, or within three months (last instalment 30 September), no warning.
        self.assertFalse(self._plan(person, 6, 0.0).credit_consumer_credit_warning)
        self.assertFalse(self._plan(person, 3, 5.0).credit_consumer_credit_warning)

    def test_companies_are_not_warned(self):
        self.assertTrue(self.customer.credit_professional)
        self.assertFalse(self._plan(self.customer, 6, 5.0).credit_consumer_credit_warning)

    def test_form_shows_the_warning_while_editing(self):
        person = self.env["res.partner"].create({"name": "Paul Durand"})
        form = Form(self.env["credit.payment.plan"])  # not saved: the warning shows as typed
        form.partner_id = person
        form.interest_rate = 4.0
        form.instalment_count = 12
        self.assertIn("Paul Durand is a private individual", form.credit_consumer_credit_warning)
        form.instalment_count = 2
        self.assertFalse(form.credit_consumer_credit_warning)
