from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestSectorPaymentCaps(CreditLimitTestCommon):
    """Sectors with shorter legal payment terms (L441-11 II) and periodic invoices
    (L441-10 I al. 4): the due-date and payment-term checks use their cap."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.country_id = cls.env.ref("base.fr")

    def _warning(self, due, invoice_date="2026-03-10", **values):
        invoice = self._invoice(100.0, due, post=False, invoice_date=invoice_date, **values)
        return invoice.credit_due_date_warning

    def test_road_haulage_thirty_days_from_the_invoice(self):
        self.customer.credit_payment_sector = "road_transport"
        self.assertFalse(self._warning("2026-04-09"))  # 10 March + 30 days
        warning = self._warning("2026-04-10")
        self.assertIn("04/09/2026 at the latest", warning)
        self.assertIn("road haulage, article L441-11 II", warning)

    def test_perishable_food_from_delivery_and_the_decade_for_periodic_invoices(self):
        self.customer.credit_payment_sector = "perishable_food"
        # Delivered 3 March: 30 days later is 2 April.
        self.assertFalse(self._warning("2026-04-02", delivery_date="2026-03-03"))
        self.assertTrue(self._warning("2026-04-03", delivery_date="2026-03-03"))
        # Periodic invoice: from the end of the delivery's ten-day period (10 March): 9 April.
        self.customer.credit_periodic_invoices = True
        self.assertFalse(self._warning("2026-04-09", delivery_date="2026-03-03"))
        self.assertTrue(self._warning("2026-04-10", delivery_date="2026-03-03"))

    def test_alcohol_thirty_days_after_the_delivery_month(self):
        self.customer.credit_payment_sector = "alcohol"
        # Delivered 10 March: end of March + 30 days = 30 April.
        self.assertFalse(self._warning("2026-04-30"))
        self.assertTrue(self._warning("2026-05-01"))

    def test_periodic_invoices_forty_five_days_from_issue(self):
        self.customer.credit_periodic_invoices = True
        self.assertFalse(self._warning("2026-04-24"))  # 10 March + 45 days
        warning = self._warning("2026-04-25")
        self.assertIn("45 days from the invoice date for periodic invoices", warning)
        # Without the flag, 45 days end of month would allow up to 15 May.
        self.customer.credit_periodic_invoices = False
        self.assertFalse(self._warning("2026-04-25"))

    def test_payment_term_check_follows_the_sector(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "45 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 100, "nb_days": 45})
                ],
            }
        )
        self.customer.property_payment_term_id = term
        self.assertFalse(self.customer.credit_payment_term_warning)  # within 60 days
        self.customer.credit_payment_sector = "road_transport"
        self.assertIn("30 days from the invoice date", self.customer.credit_payment_term_warning)
