from freezegun import freeze_time

from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestEinvoiceLifecycle(CreditLimitTestCommon):
    """The e-invoicing platform's status: rejected invoices do not exist legally,
    refused or disputed ones open a dispute, paid ones are proposed as collected."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(900.0, "2026-06-05")

    def test_rejected_is_neither_dunned_nor_in_the_exposure(self):
        customer = self.customer.with_company(self.company)
        self.assertEqual(customer.credit_exposure, 900.0)
        self.invoice.credit_einvoice_status = "rejected"
        self.env.invalidate_all()
        self.assertEqual(customer.credit_exposure, 0.0)
        self.assertFalse(self.env["credit.dunning.planner"]._plan(self.company))
        self.env["credit.exposure.store"]._cron_store_stale()
        self.assertFalse(customer.search([("id", "=", customer.id), ("credit_available", "<", 0)]))

    def test_refused_opens_one_dispute(self):
        self.invoice.credit_einvoice_status = "refused"
        self.invoice.credit_einvoice_status = "disputed"
        dispute = self.env["credit.dispute"].search([("line_ids.move_id", "=", self.invoice.id)])
        self.assertEqual(len(dispute), 1)
        self.assertEqual(
            (dispute.source, dispute.line_ids.amount_disputed, dispute.state),
            ("einvoice", 900.0, "open"),
        )
        self.assertIn("Refused", str(dispute.note))
        self.assertFalse(self.env["credit.dunning.planner"]._plan(self.company))

    def test_collected_is_proposed_once_paid(self):
        self.invoice.credit_einvoice_status = "approved"
        self.assertFalse(self.invoice.credit_einvoice_collect_proposed)
        self._pay(self.invoice, 900.0)
        self.assertTrue(self.invoice.credit_einvoice_collect_proposed)
        self.invoice.action_credit_einvoice_collected()
        self.assertEqual(self.invoice.credit_einvoice_status, "collected")
        self.assertFalse(self.invoice.credit_einvoice_collect_proposed)
