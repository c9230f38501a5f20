from odoo.tests import TransactionCase, tagged

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
