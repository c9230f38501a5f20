import json

from odoo.addons.credit_collection.tests.common import create_credit_users, needs_demo_data
from odoo.tests import HttpCase, new_test_user, tagged

DASHBOARD = "spreadsheet_dashboard_credit_collection.dashboard_credit_collection"


@needs_demo_data
@tagged("post_install", "-at_install")
class TestCreditDashboard(HttpCase):
    """The Credit & Collections dashboard of the Dashboards app: who sees it, and every
    pivot, list and chart in it reads its data as a credit controller."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("credit_collection.demo_company_fr")
        cls.users = create_credit_users(cls.env, cls.company)
        cls.users["billing"] = new_test_user(
            cls.env, login="cc_billing", groups="account.group_account_invoice",
            company_id=cls.company.id, company_ids=[cls.company.id],
        )  # fmt: skip
        cls.env["credit.kpi"].sudo()._refresh(cls.company)
        cls.env["credit.score.engine"]._compute_company(cls.company)
        cls.dashboard = cls.env.ref(DASHBOARD)
        cls.data = json.loads(cls.dashboard.spreadsheet_data)

    def _as_controller(self, model):
        return self.env[model].with_user(self.users["controller"]).with_company(self.company)

    def test_controllers_and_managers_see_it_in_the_finance_section(self):
        self.assertEqual(
            self.dashboard.dashboard_group_id,
            self.env.ref("spreadsheet_dashboard.spreadsheet_dashboard_group_finance"),
        )
        for role, sees in (("manager", True), ("controller", True), ("salesman", False),
                           ("billing", False)):  # fmt: skip
            dashboards = self.env["spreadsheet.dashboard"].with_user(self.users[role]).search([])
            self.assertEqual(self.dashboard in dashboards, sees, role)

    def test_its_models_fields_and_menus_exist(self):
        # the check Odoo runs when a dashboard is loaded in test mode
        self.dashboard._check_spreadsheet_data()

    def test_every_pivot_reads_its_figures(self):
        self.assertEqual(len(self.data["pivots"]), 7)
        for pivot in self.data["pivots"].values():
            rows = [
                ":".join(filter(None, (row["fieldName"], row.get("granularity"))))
                for row in pivot["rows"] + pivot["columns"]
            ]
            measures = [m["fieldName"] for m in pivot["measures"] if m["fieldName"] != "__count"]
            groups = self._as_controller(pivot["model"]).read_group(
                pivot["domain"], [f"{m}:sum" for m in measures], rows, lazy=False
            )
            self.assertTrue(groups, pivot["name"])

    def test_the_top_list_ranks_customers_by_exposure(self):
        (top,) = self.data["lists"].values()
        order = ", ".join(f"{o['name']} {'asc' if o['asc'] else 'desc'}" for o in top["orderBy"])
        rows = self._as_controller(top["model"]).search_read(
            top["domain"], top["columns"], order=order, limit=10
        )
        self.assertEqual(len(rows), 10)
        exposures = [row["exposure"] for row in rows]
        self.assertEqual(exposures, sorted(exposures, reverse=True))
        largest = self._as_controller("credit.customer.exposure").search([], limit=1)
        self.assertEqual(rows[0]["partner_id"][0], largest.partner_id.id)
        self.assertTrue(all(row["score"] for row in rows), "a dash, never an empty score")

    def test_every_chart_reads_its_figures(self):
        charts = [
            figure["data"]
            for sheet in self.data["sheets"]
            for figure in sheet["figures"]
            if figure["data"]["type"].startswith("odoo_")
        ]
        self.assertEqual(len(charts), 1)  # the ageing; the others read pivots
        for chart in charts:
            meta = chart["metaData"]
            groups = (
                self._as_controller(meta["resModel"])
                .with_context(fill_temporal=True)
                .read_group([], [f"{meta['measure']}:sum"], meta["groupBy"], lazy=False)
            )
            self.assertTrue(groups, meta["resModel"])
        forecast = self._as_controller("credit.forecast.line").with_context(fill_temporal=True)
        weeks = forecast.read_group(
            [], ["amount:sum"], ["expected_date:week", "outlook"], lazy=False
        )
        self.assertEqual(len({group["expected_date:week"] for group in weeks}), 13)
        self.assertTrue(all(group["outlook"] for group in weeks), "no 'None' series")

    def test_a_controller_opens_it_in_the_browser(self):
        self.browser_js(
            "/odoo/action-spreadsheet_dashboard_credit_collection.credit_collection_dashboard_action",
            "console.log('test successful')",
            # the dashboard is drawn: its 6 scorecards and the charts in view
            ready="document.querySelectorAll('.o-spreadsheet .o-scorecard').length === 6"
            " && document.querySelectorAll('.o-spreadsheet .o-figure').length >= 8",
            login="cc_controller",
            timeout=120,
        )
