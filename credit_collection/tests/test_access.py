from odoo.tests import Form, TransactionCase, new_test_user, tagged

from .common import create_credit_users


@tagged("post_install", "-at_install")
class TestCreditCollectionAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.env.company)
        cls.root_menu = cls.env.ref("credit_collection.credit_collection_menu_root")

    def _visible_menu_ids(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return set(menus)

    def test_manager_implies_controller_and_invoicing(self):
        manager = self.users["manager"]
        self.assertTrue(manager.has_group("credit_collection.group_credit_controller"))
        self.assertTrue(manager.has_group("account.group_account_invoice"))
        controller = self.users["controller"]
        self.assertFalse(controller.has_group("credit_collection.group_credit_manager"))
        self.assertTrue(controller.has_group("account.group_account_invoice"))

    def test_menu_visible_to_credit_groups_only(self):
        overdue_menu = self.env.ref("credit_collection.credit_collection_overdue_invoice_menu")
        for role in ("manager", "controller"):
            visible = self._visible_menu_ids(self.users[role])
            self.assertIn(self.root_menu.id, visible, role)
            self.assertIn(overdue_menu.id, visible, role)
        self.assertNotIn(self.root_menu.id, self._visible_menu_ids(self.users["salesman"]))

    def test_accounting_administrators_keep_setting_credit_limits(self):
        company = self.env.company
        administrator = new_test_user(
            self.env,
            login="cc_chief_accountant",
            groups="account.group_account_manager",
            company_id=company.id,
            company_ids=company.ids,
        )
        self.assertTrue(administrator.has_group("credit_collection.group_credit_manager"))
        partners = self.env["res.partner"].with_user(administrator)
        with Form(partners) as form:
            form.name = "Customer set up by the chief accountant"
            form.credit_limit = 5000.0
        self.assertEqual(form.record.with_company(company).credit_limit, 5000.0)
        imported = partners.create({"name": "Imported customer", "credit_limit": 7000.0})
        self.assertEqual(imported.with_company(company).credit_limit, 7000.0)
        # Invoicing users and salespeople stay restricted.
        self.assertFalse(self.users["salesman"].has_group("credit_collection.group_credit_manager"))
        billing = new_test_user(
            self.env,
            login="cc_billing",
            groups="account.group_account_invoice",
            company_id=company.id,
            company_ids=company.ids,
        )
        self.assertFalse(billing.has_group("credit_collection.group_credit_manager"))
