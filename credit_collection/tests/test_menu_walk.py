from odoo.tests import HttpCase, new_test_user, tagged

from .common import create_credit_users, needs_demo_data

ROOT = "credit_collection.credit_collection_menu_root"
CUSTOMERS = "account.res_partner_action_customer"
INVOICES = "account.action_move_out_invoice_type"
QUOTATIONS = "sale.action_quotations_with_onboarding"
# What each role opens besides the module's menus: the screens the module adds to.
EXTRA_ACTIONS = {
    "manager": [INVOICES, CUSTOMERS, QUOTATIONS],
    "controller": [INVOICES, CUSTOMERS, QUOTATIONS],
    "salesman": [QUOTATIONS, "sale.action_orders"],
    "billing": [INVOICES, CUSTOMERS],
}


@needs_demo_data
@tagged("post_install", "-at_install")
class TestMenuWalk(HttpCase):
    """Every menu of the module a role sees opens in each of its views (and the form
    of its first record) without an access error, a traceback or a JavaScript error;
    roles without the module's menus open the screens the module adds fields to."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("credit_collection.demo_company_fr")
        cls.users = create_credit_users(cls.env, company)
        cls.users["billing"] = new_test_user(
            cls.env, login="cc_billing", groups="account.group_account_invoice",
            company_id=company.id, company_ids=[company.id],
        )  # fmt: skip
        cls.env["credit.kpi"].sudo()._refresh(company)
        cls.env["credit.score.engine"]._compute_company(company)

    def _walk(self, role):
        code = f"window.creditCollectionWalk({ROOT!r}, {EXTRA_ACTIONS[role]!r})"
        self.browser_js(
            "/odoo",
            code,
            ready="window.creditCollectionWalk && odoo.isReady",
            login=self.users[role].login,
            timeout=600,
        )

    def _menus_seen(self, role):
        menus = self.env["ir.ui.menu"].with_user(self.users[role]).load_menus(False)
        return [menu for menu in menus.values() if str(menu.get("xmlid")).startswith("credit_")]

    def test_manager_opens_every_screen(self):
        self.assertGreaterEqual(len(self._menus_seen("manager")), 25)
        self._walk("manager")

    def test_controller_opens_every_screen(self):
        seen = {menu["xmlid"] for menu in self._menus_seen("controller")}
        self.assertIn("credit_collection.credit_forecast_line_menu", seen)
        self.assertNotIn("credit_collection.credit_segment_review_menu", seen)  # managers'
        self._walk("controller")

    def test_salesperson_opens_the_screens_the_module_adds_to(self):
        self.assertFalse(self._menus_seen("salesman"))
        self._walk("salesman")

    def test_billing_user_opens_the_screens_the_module_adds_to(self):
        self.assertFalse(self._menus_seen("billing"))
        self._walk("billing")
