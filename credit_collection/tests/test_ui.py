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
