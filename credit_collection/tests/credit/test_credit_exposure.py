from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestCreditExposure(CreditLimitTestCommon):
    """Exposure figures, hand-computed, in company currency."""

    def _figures(self, partner=None, company=None):
        company = company or self.company
        partner = (partner or self.customer).with_company(company)
        partner.invalidate_recordset()
        return partner

    def test_breakdown(self):
        self._invoice(1000.0, "2026-06-10")  # 20 days overdue
        self._invoice(500.0, "2026-07-31")  # not due
        self._invoice(200.0, "2026-06-01", move_type="out_refund")  # unapplied credit note
        self._invoice(300.0, "2026-07-31", post=False)  # draft invoice
        order = self._quotation(4, price=250.0, taxes=self.tax_sale_a)  # 15 %: 1150
        order.action_confirm()
        partial = order._create_invoices()  # draft for the whole order...
        partial.invoice_line_ids.quantity = 1  # ... reduced to one crate: 287.50
        customer = self._figures()
        self.assertEqual(customer.credit_receivable_amount, 1300.0)
        self.assertEqual(customer.credit_overdue_amount, 800.0)  # 1000 less the 200 credit
        self.assertEqual(customer.credit_oldest_overdue_days, 20)
        self.assertEqual(customer.credit_draft_invoice_amount, 587.5)  # 300 + 287.50
        self.assertEqual(customer.credit_order_amount, 862.5)  # 3 crates left: 3/4 of 1150
        self.assertEqual(customer.credit_exposure, 2750.0)

    def test_limit_available_and_usage(self):
        self._invoice(1500.0, "2026-07-31")
        self.customer.with_company(self.company).credit_limit = 2000.0
        customer = self._figures()
        self.assertEqual(customer.credit_limit_amount, 2000.0)
        self.assertEqual(customer.credit_available, 500.0)
        self.assertEqual(customer.credit_usage_percent, 75.0)
        no_limit = self._figures(self.env["res.partner"].create({"name": "Unlimited"}))
        self.assertEqual((no_limit.credit_available, no_limit.credit_usage_percent), (0.0, 0.0))

    def test_few_and_many_customers_give_the_same_figures(self):
        # A few customers are read through the indexes, many in one pass over the open
        # items: the same figures either way (contacts, credit notes, drafts, orders).
        self._invoice(1500.0, "2026-05-31")
        self._invoice(300.0, "2026-07-31", partner=self.contact)
        self._invoice(200.0, "2026-05-31", move_type="out_refund")
        self._invoice(600.0, "2026-07-31", post=False)
        other = self.env["res.partner"].create({"name": "Other", "is_company": True})
        self._invoice(700.0, "2026-04-30", partner=other)
        customers = self.customer | other
        exposure = self.env["credit.exposure"]
        few = exposure._figures(customers, self.company)
        with patch("odoo.addons.credit_collection.models.credit.credit_exposure.FEW", 0):
            many = exposure._figures(customers, self.company)
        self.assertEqual(many, few)
        self.assertEqual(
            (few[self.customer.id].receivable, few[self.customer.id].draft_invoices),
            (1600.0, 600.0),  # 1,500 + 300 of its contact - 200 credited; the draft apart
        )

    def test_search_over_the_limit_in_constant_queries(self):
        over = self.customer  # 1,500 owed + a 600 draft on a limit of 2,000
        self._invoice(1500.0, "2026-07-31")
        self._invoice(600.0, "2026-07-31", post=False)
        over.with_company(self.company).credit_limit = 2000.0
        within = self.env["res.partner"].create({"name": "Within", "is_company": True})
        within.with_company(self.company).credit_limit = 2000.0
        self._invoice(500.0, "2026-07-31", partner=within)
        unlimited = self.env["res.partner"].create({"name": "Unlimited", "is_company": True})
        self._invoice(9000.0, "2026-07-31", partner=unlimited)
        candidates = over | self.contact | within | unlimited
        partners = self.env["res.partner"].with_company(self.company)

        def found(domain):
            return partners.search([("id", "in", candidates.ids), *domain])

        # The customers changed since stored, the figures in one query, then the search.
        with self.assertQueryCount(4):
            self.assertEqual(found([("credit_available", "<", 0)]), over | self.contact)
        self.assertEqual(found([("credit_usage_percent", ">", 100)]), over | self.contact)
        self.assertEqual(found([("credit_usage_percent", "=", 25)]), within)
        self.assertEqual(found([("credit_available", ">=", 1500)]), within)
        # Without a limit both figures are 0, as on the Credit tab.
        self.assertEqual(found([("credit_available", "=", 0)]), unlimited)
        # Each figure agrees with the search.
        self.assertEqual(self._figures(over).credit_available, -100.0)
        with self.assertRaisesRegex(UserError, "compared with a number"):
            found([("credit_available", "ilike", "1")])

    def test_a_new_receivable_account_counts_at_once(self):
        self._invoice(100.0, "2026-07-31")
        self.assertEqual(self._figures().credit_receivable_amount, 100.0)  # accounts cached
        account = self.env["account.account"].create(
            {"name": "Receivable Export", "code": "411900", "account_type": "asset_receivable"}
        )
        self.customer.with_company(self.company).property_account_receivable_id = account
        self._invoice(250.0, "2026-07-31")
        self.assertEqual(self._figures().credit_receivable_amount, 350.0)

    def test_contacts_roll_up_and_partial_payments(self):
        invoice = self._invoice(1000.0, "2026-06-10", partner=self.contact)
        self._pay(invoice, 400.0)
        for partner in (self.customer, self.contact):
            figures = self._figures(partner)
            self.assertEqual(figures.credit_receivable_amount, 600.0, partner.name)
            self.assertEqual(figures.credit_overdue_amount, 600.0, partner.name)

    def test_unapplied_payment_reduces_exposure_and_overdue(self):
        self._invoice(1000.0, "2026-06-10")
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": 1200.0,
                "date": "2026-06-20",
            }
        )
        payment.action_post()
        customer = self._figures()
        self.assertEqual(customer.credit_receivable_amount, -200.0)
        self.assertEqual(customer.credit_overdue_amount, 0.0)
        self.assertEqual(customer.credit_oldest_overdue_days, 0)

    def test_usd_invoice_in_a_euro_company(self):
        euro = self.env.ref("base.EUR")
        usd = self.env.ref("base.USD")
        company = self.setup_other_company(name="Société Euro", currency_id=euro.id)["company"]
        self.env["res.currency.rate"].create(
            {"name": "2026-01-01", "currency_id": usd.id, "rate": 1.08, "company_id": company.id}
        )
        self.env.user.company_ids = [Command.link(company.id)]
        self._invoice(1080.0, "2026-06-10", company=company, currency_id=usd.id)
        self._invoice(100.0, "2026-06-10")  # in the first company: not counted
        customer = self._figures(company=company)
        self.assertEqual(customer.credit_currency_id, euro)
        self.assertEqual(customer.credit_receivable_amount, 1000.0)
        self.assertEqual(customer.credit_overdue_amount, 1000.0)
        self.assertEqual(self._figures().credit_receivable_amount, 100.0)

    def test_query_count_does_not_grow_with_invoices(self):
        customers = self.customer | self.env["res.partner"].create({"name": "Second"})
        self._invoice(100.0, "2026-06-10")
        self.env.invalidate_all()
        exposure = self.env["credit.exposure"]
        with self.assertQueryCount(6):
            exposure._figures(customers, self.company)
        for _index in range(20):
            self._invoice(100.0, "2026-06-10", partner=customers[1])
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            figures = exposure._figures(customers, self.company)
        self.assertEqual(figures[customers[1].id].receivable, 2000.0)
