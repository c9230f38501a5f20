from odoo.exceptions import AccessError
from odoo.tests import TransactionCase

from ..common import create_credit_users, needs_demo_data


@needs_demo_data
class TestOverview(TransactionCase):
    """The Overview page opens on the demo company for a credit controller."""

    def test_controller_opens_the_overview(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        controller = create_credit_users(self.env, company)["controller"]
        self.env["credit.kpi"].sudo()._refresh(company)
        self.env["credit.score.engine"]._compute_company(company)
        overview_model = self.env["credit.overview"].with_user(controller).with_company(company)
        action = overview_model.action_open()
        overview = overview_model.browse(action["res_id"])
        self.assertEqual(len(overview.top_partner_ids), 10)
        first = overview.top_partner_ids[0].with_company(company)
        self.assertGreaterEqual(
            first.credit_exposure, overview.top_partner_ids[9].with_company(company).credit_exposure
        )
        self.assertGreater(overview.forecast_amount, 0)
        self.assertIn("Top 1 customers", overview.concentration)
        self.assertTrue(overview.dso_trend)
        self.assertGreater(overview.dso, 0)

    def test_exposure_by_customer_never_reads_a_missing_score_as_0(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        controller = create_credit_users(self.env, company)["controller"]
        self.env["credit.score.engine"]._compute_company(company)
        self.env["credit.exposure.store"]._cron_store_stale()
        rows = (
            self.env["credit.customer.exposure"]
            .with_user(controller)
            .with_company(company)
            .search([], limit=10)
        )
        self.assertEqual(len(rows), 10)
        partners = self.env["res.partner"].with_company(company)
        for row in rows:
            customer = partners.browse(row.partner_id.id)
            self.assertEqual(
                (row.exposure, row.limit_amount), (customer.credit_exposure, customer.credit_limit)
            )
            self.assertEqual(row.score, customer.credit_score_label)
            if customer.credit_score_enough_history:
                self.assertEqual(row.score, str(customer.credit_score))
            else:
                self.assertEqual(row.score, "—")
        self.assertEqual(rows.mapped("exposure"), sorted(rows.mapped("exposure"), reverse=True))
        newcomer = self.env.ref("credit_collection.demo_partner_clinique_petit").with_company(
            company
        )
        self.assertFalse(newcomer.credit_score_enough_history)
        self.assertEqual(newcomer.credit_score_label, "—")
        scored = rows.filtered(lambda row: row.score != "—")
        self.assertTrue(scored, "the demo has customers with a score")
        self.assertTrue(all(0 <= int(row.score) <= 100 for row in scored))
        # a salesperson does not see the ranking
        salesman = self.env["res.users"].search([("login", "=", "cc_salesman")])
        with self.assertRaises(AccessError):
            self.env["credit.customer.exposure"].with_user(salesman).search([])
