from odoo import Command
from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.tests import new_test_user


def create_credit_users(env, company):
    """Users of each role the addon knows, all working in ``company``."""
    common = {"company_id": company.id, "company_ids": [company.id]}
    return {
        "manager": new_test_user(
            env, login="cc_manager", groups="credit_collection.group_credit_manager", **common
        ),
        "controller": new_test_user(
            env, login="cc_controller", groups="credit_collection.group_credit_controller", **common
        ),
        "salesman": new_test_user(
            env, login="cc_salesman", groups="sales_team.group_sale_salesman", **common
        ),
    }


class CreditCollectionTestCommon(AccountTestInvoicingCommon):
    """Accounting test company, with the test user made a credit manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.env.user.groups_id = [
            Command.link(cls.env.ref("credit_collection.group_credit_manager").id)
        ]
