from freezegun import freeze_time

from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestConcentration(CreditLimitTestCommon):
    """Shares of the receivables and revenue of the top customers, by entity or group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.group = Partner.create({"name": "Holding", "is_company": True})
        cls.second = Partner.create(
            {"name": "Second", "is_company": True, "parent_id": cls.group.id}
        )
        cls.third = Partner.create({"name": "Third", "is_company": True, "parent_id": cls.group.id})
        cls._invoice(6000.0, "2026-07-10")
        cls._invoice(3000.0, "2026-07-10", partner=cls.second)
        cls._invoice(1000.0, "2026-07-10", partner=cls.third)

    def _figures(self, group=False):
        return self.env["credit.concentration"]._figures(self.company, group)

    def test_top_customers_shares(self):
        self.customer.with_company(self.company).credit_limit = 10000.0
        self.second.with_company(self.company).credit_limit = 5000.0
        self.company.credit_equity = 50000.0
        figures = self._figures()
        self.assertEqual(figures["receivable"], {1: 60.0, 5: 100.0, 10: 100.0})
        self.assertEqual(figures["revenue"], {1: 60.0, 5: 100.0, 10: 100.0})
        self.assertEqual(
            [(partner, round(share, 1)) for partner, share in figures["over"]],
            [(self.customer, 60.0), (self.second, 30.0)],  # over the 20 % threshold
        )
        self.assertEqual((figures["limits"], figures["equity_ratio"]), (15000.0, 0.3))

    def test_group_option(self):
        figures = self._figures(group=True)
        self.assertEqual(figures["receivable"][1], 60.0)
        self.assertEqual(
            [(partner, round(share, 1)) for partner, share in figures["over"]],
            [(self.customer, 60.0), (self.group, 40.0)],
        )

    def test_warning_on_the_customer(self):
        customer = self.customer.with_company(self.company)
        self.assertEqual(
            customer.credit_concentration_warning,
            "60.0 % of the company's receivables: above the 20 % concentration threshold.",
        )
        self.assertFalse(self.third.with_company(self.company).credit_concentration_warning)
