from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..common import CreditCollectionTestCommon, create_credit_users


@tagged("post_install", "-at_install")
class TestDunningPolicy(CreditCollectionTestCommon):
    """Policies, their levels' rules, and which policy a customer follows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.french = cls.env.ref("credit_collection.credit_dunning_policy_french_law")
        cls.customer = cls.env["res.partner"].create({"name": "Dunned", "is_company": True})

    def _policy(self, levels, company=True):
        return self.env["credit.dunning.policy"].create(
            {
                "name": "Tested",
                "company_id": self.company.id if company else False,
                "level_ids": [
                    Command.create(
                        {"sequence": sequence, "name": f"Level {sequence}", "days": days}
                    )
                    for sequence, days in levels
                ],
            }
        )

    def test_levels_come_strictly_later(self):
        self._policy([(1, -3), (2, 7)])
        with self.assertRaisesRegex(ValidationError, "must come strictly later"):
            self._policy([(1, 7), (2, 7)])
        with self.assertRaisesRegex(ValidationError, "must come strictly later"):
            self._policy([(1, 10), (2, 5)])

    def test_levels_have_no_gaps(self):
        with self.assertRaisesRegex(ValidationError, "numbered 1, 2, 3... without gaps"):
            self._policy([(1, 7), (3, 21)])
        policy = self._policy([(1, 7), (2, 21), (3, 45)])
        policy.level_ids.filtered(lambda level: level.sequence == 2).unlink()
        self.assertEqual(
            [(level.sequence, level.days) for level in policy.level_ids.sorted("sequence")],
            [(1, 7), (2, 45)],
        )  # renumbered

    def test_one_default_policy_per_company(self):
        self._policy([(1, 7)]).is_default = True  # the company's own default
        with self.assertRaisesRegex(ValidationError, "there is one already"):
            self._policy([(1, 7)]).is_default = True

    def test_policy_of_a_customer(self):
        customer = self.customer.with_company(self.company)
        self.assertEqual(customer._credit_dunning_policy(), self.french)  # the shared default
        company_default = self._policy([(1, 10)])
        company_default.is_default = True
        self.assertEqual(customer._credit_dunning_policy(), company_default)
        segment = self.env.ref("credit_collection.credit_risk_segment_c")
        segment_policy = self._policy([(1, 5)], company=False)  # the segment is shared
        segment.dunning_policy_id = segment_policy
        customer.credit_risk_segment_id = segment
        self.assertEqual(customer._credit_dunning_policy(), segment_policy)
        own = self._policy([(1, 1)])
        customer.credit_dunning_policy_id = own
        self.assertEqual(customer._credit_dunning_policy(), own)

    def test_rights(self):
        users = create_credit_users(self.env, self.company)
        self.french.with_user(users["controller"]).level_ids.mapped("name")  # may read
        with self.assertRaises(AccessError):
            self.french.with_user(users["controller"]).name = "Mine"
        with self.assertRaises(AccessError):
            self.customer.with_user(users["controller"]).credit_dunning_policy_id = self.french
        controller_customer = self.customer.with_user(users["controller"])
        controller_customer.write(
            {"credit_collector_id": users["controller"].id, "credit_insolvency": True}
        )
        self.assertTrue(self.customer.credit_insolvency)
        salesman_customer = self.customer.with_user(users["salesman"])
        with self.assertRaises(AccessError):
            salesman_customer.write({"credit_insolvency": False})
        with self.assertRaises(AccessError):
            controller_customer.write({"credit_contractual_interest_rate": 1.0})

    def test_invoice_exclusion_needs_a_reason(self):
        invoice = self.init_invoice(
            "out_invoice", partner=self.customer, amounts=[100.0], post=True
        )
        with self.assertRaisesRegex(ValidationError, "Give the reason"):
            invoice.dunning_excluded = True
        with self.assertRaisesRegex(ValidationError, "promised to pay"):
            invoice.write({"dunning_excluded": True, "dunning_exclusion_reason": "promise"})
        invoice.write(
            {
                "dunning_excluded": True,
                "dunning_exclusion_reason": "promise",
                "dunning_excluded_until": "2026-12-15",
            }
        )
        self.assertTrue(invoice.dunning_excluded)
