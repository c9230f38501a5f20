from odoo.tests import HttpCase, tagged

from .common import create_credit_users


@tagged("post_install", "-at_install")
class TestCreditCollectionUi(HttpCase):
    def test_controller_opens_overdue_invoices(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        create_credit_users(self.env, company)
        self.start_tour("/odoo", "credit_collection_overdue_invoices", login="cc_controller")

    def test_controller_drills_down_the_ageing_pivot(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        create_credit_users(self.env, company)
        self.start_tour("/odoo", "credit_collection_ageing", login="cc_controller")

    def test_blocked_quotation_approved_then_confirmed(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        users = create_credit_users(self.env, company)
        quotation = self.env.ref("credit_collection.demo_sale_rousseau_quotation")
        quotation.user_id = users["salesman"]
        self.start_tour(
            "/odoo/action-sale.action_quotations_with_onboarding",
            "credit_collection_request_approval",
            login="cc_salesman",
        )
        self.assertEqual(quotation.credit_approval_state, "requested")
        self.start_tour(
            "/odoo/action-credit_collection.sale_order_credit_approval_action",
            "credit_collection_approve",
            login="cc_manager",
        )
        self.assertEqual(quotation.credit_approval_state, "approved")
        self.assertEqual(quotation.credit_approval_user_id, users["manager"])
        self.start_tour(
            "/odoo/action-sale.action_quotations_with_onboarding",
            "credit_collection_confirm_approved",
            login="cc_salesman",
        )
        self.assertEqual(quotation.state, "sale")
