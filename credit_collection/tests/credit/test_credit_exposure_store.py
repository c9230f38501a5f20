from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestCreditExposureStore(CreditLimitTestCommon):
    """The stored exposure the Over Credit Limit filter reads follows every change,
    stored or not yet stored, and always agrees with the Credit tab."""

    def _stored(self, partner=None, company=None):
        """Stored exposure of ``partner`` in ``company`` (no row: nothing owed)."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT receivable + draft_invoices + orders FROM credit_exposure_stored"
            " WHERE partner_id = %s AND company_id = %s",
            [(partner or self.customer).id, (company or self.company).id],
        )
        row = self.env.cr.fetchone()
        return float(row[0]) if row else 0.0

    def _stale_count(self):
        self.env.flush_all()
        self.env.cr.execute("SELECT COUNT(*) FROM credit_exposure_stale")
        return self.env.cr.fetchone()[0]

    def _over_limit(self, company=None):
        partners = self.env["res.partner"].with_company(company or self.company)
        return partners.search(
            [("id", "in", (self.customer | self.contact).ids), ("credit_available", "<", 0)]
        )

    def _live_exposure(self, company=None):
        customer = self.customer.with_company(company or self.company)
        customer.invalidate_recordset()
        return customer.credit_exposure

    def _store_stale(self):
        self.env["credit.exposure.store"]._cron_store_stale()
        self.assertEqual(self._stale_count(), 0)

    def test_a_statement_lists_each_customer_once(self):
        for day in ("2026-07-01", "2026-07-15", "2026-07-31"):
            self._invoice(100.0, day)
        self._store_stale()
        self.env.cr.execute(  # a mass change: every journal item of the customer at once
            "UPDATE account_move_line SET name = name WHERE partner_id = %s", [self.customer.id]
        )
        self.assertEqual(self._stale_count(), 1)  # its 3 receivable items, old and new: once
        self.assertEqual(self._over_limit(), self.env["res.partner"])  # no limit: never over

    def test_posting_marks_stale_and_the_filter_sees_it_before_storing(self):
        self.customer.with_company(self.company).credit_limit = 1000.0
        self._store_stale()
        self.assertFalse(self._over_limit())
        invoice = self._invoice(1500.0, "2026-07-31")
        self.assertGreater(self._stale_count(), 0)
        self.assertEqual(self._over_limit(), self.customer | self.contact)  # computed now
        self._store_stale()
        self.assertEqual(self._stored(), 1500.0)
        self.assertEqual(self._over_limit(), self.customer | self.contact)  # read stored
        self._pay(invoice, 600.0)  # partial payment: 900 left
        self.assertFalse(self._over_limit())
        self._store_stale()
        self.assertEqual(self._stored(), 900.0)
        self.assertFalse(self._over_limit())

    def test_stored_figures_follow_every_source_of_exposure(self):
        invoice = self._invoice(1000.0, "2026-06-10")
        self._invoice(200.0, "2026-06-01", move_type="out_refund")
        draft = self._invoice(300.0, "2026-07-31", post=False)
        order = self._quotation(4, price=250.0)
        order.action_confirm()
        self._store_stale()
        self.assertEqual(self._stored(), 800.0 + 300.0 + 1000.0)
        self.assertEqual(self._stored(), self._live_exposure())

        draft.action_post()  # draft → receivable: same total
        order._create_invoices()  # order → draft invoice: same total
        self._pay(invoice, 1000.0)
        self._store_stale()
        self.assertEqual(self._stored(), 100.0 + 1000.0)
        self.assertEqual(self._stored(), self._live_exposure())

        order.order_line.product_uom_qty = 6  # two more crates ordered, not invoiced
        self._store_stale()
        self.assertEqual(self._stored(), 1600.0)
        self.assertEqual(self._stored(), self._live_exposure())

    def test_after_a_mass_change_the_filter_computes_every_exposure_at_once(self):
        # Many customers listed as changed: every exposure of the company is computed
        # in one pass, stored figures left aside, and the filter agrees with the tab.
        within = self.env["res.partner"].create({"name": "Within", "is_company": True})
        for customer in (self.customer, within):
            customer.with_company(self.company).credit_limit = 1000.0
        invoice = self._invoice(1500.0, "2026-07-31")
        self._invoice(800.0, "2026-07-31", partner=within)
        self._invoice(400.0, "2026-07-31", partner=self.contact, post=False)
        self._store_stale()
        self.env.cr.execute(  # a figure only the stored table has: not read in one pass
            "UPDATE credit_exposure_stored SET receivable = 5000 WHERE partner_id = %s",
            [within.id],
        )
        self._pay(invoice, 1000.0)  # 500 + the 400 draft: 900, within its limit now
        partners = self.env["res.partner"].with_company(self.company)
        domain = [("id", "in", (self.customer | within).ids), ("credit_available", "<", 0)]
        self.assertEqual(partners.search(domain), within)  # one listed: the stored 5,000
        store = "odoo.addons.credit_collection.models.credit.credit_exposure_store.MANY_STALE"
        with patch(store, 0):
            self.assertFalse(partners.search(domain))
            self.assertEqual(
                partners.search([("id", "=", within.id), ("credit_available", "=", 200.0)]),
                within,
            )
        self.assertEqual(self._live_exposure(), 900.0)

    def test_a_rejected_e_invoice_leaves_the_stored_figures(self):
        invoice = self._invoice(600.0, "2026-07-31")
        self._store_stale()
        self.assertEqual(self._stored(), 600.0)
        invoice.sudo().credit_einvoice_status = "rejected"  # the platform's import
        self.assertEqual(self._stale_count(), 1)
        self._store_stale()
        self.assertEqual(self._stored(), 0.0)
        self.assertEqual(self._stored(), self._live_exposure())
        invoice.sudo().credit_einvoice_status = "approved"  # set by mistake, corrected
        self._store_stale()
        self.assertEqual(self._stored(), 600.0)

    def test_updates_that_leave_the_exposure_alone_list_nobody(self):
        posted = self._invoice(600.0, "2026-07-31")
        draft = self._invoice(300.0, "2026-07-31", post=False)
        self._store_stale()
        (posted | draft).narration = "Delivered to the loading bay."
        self.customer._increase_rank("customer_rank")  # core's SQL, at each invoice posted
        self.assertEqual(self._stale_count(), 0)
        draft.invoice_line_ids.price_unit = 400.0  # a draft's total: listed
        self.assertEqual(self._stale_count(), 1)
        self._store_stale()
        self.assertEqual(self._stored(), 600.0 + 400.0)
        self.assertEqual(self._stored(), self._live_exposure())

    def test_a_contact_moving_to_another_customer_moves_its_invoices(self):
        self._invoice(700.0, "2026-07-31", partner=self.contact)
        self._store_stale()
        self.assertEqual(self._stored(), 700.0)
        other = self.env["res.partner"].create({"name": "New Employer", "is_company": True})
        self._store_stale()
        self.contact.parent_id = other
        self._store_stale()
        self.assertEqual(self._stored(), 0.0)
        self.assertEqual(self._stored(other), 700.0)

    def test_each_company_has_its_own_figures(self):
        company_2 = self.setup_other_company(name="Exposure Company 2")["company"]
        self._invoice(400.0, "2026-07-31")
        self._invoice(900.0, "2026-07-31", company=company_2)
        self.customer.with_company(company_2).credit_limit = 500.0
        self.customer.with_company(self.company).credit_limit = 500.0
        self.assertEqual(self._over_limit(company_2), self.customer | self.contact)
        self.assertFalse(self._over_limit())
        self._store_stale()
        self.assertEqual((self._stored(), self._stored(company=company_2)), (400.0, 900.0))
        self.assertEqual(self._over_limit(company_2), self.customer | self.contact)
        self.assertFalse(self._over_limit())

    def test_storing_twice_changes_nothing(self):
        self._invoice(250.0, "2026-07-31")
        self._store_stale()
        self._store_stale()
        self.assertEqual(self._stored(), 250.0)

    def test_a_receivable_account_changing_type_stores_everything_again(self):
        self._invoice(300.0, "2026-07-31")
        self._store_stale()
        self.env.cr.execute("UPDATE credit_exposure_stored SET receivable = 0")
        other = self.env["account.account"].create(
            {"name": "Receivable Export", "code": "411901", "account_type": "asset_receivable"}
        )
        other.write({"name": "Receivable Export (EU)"})
        self.assertEqual(self._stored(), 0.0)  # other writes keep the figures
        other.write({"account_type": "asset_current"})
        self.assertEqual(self._stored(), 300.0)
        self.assertEqual(self._stale_count(), 0)
