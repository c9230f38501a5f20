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
