from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestCreditInsurance(CreditLimitTestCommon):
    """Insured limits, uninsured exposure, the optional block, expiries and threat notices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.insurer = cls.env["res.partner"].create(
            {"name": "Assureur Crédit SA", "is_company": True}
        )
        cls.policy = cls.env["credit.insurance.policy"].create(
            {
                "name": "POL-42",
                "insurer_id": cls.insurer.id,
                "retention_percent": 10.0,  # the insurer covers 90 %
                "notification_days": 30,
                "limit_ids": [
                    Command.create(
                        {
                            "partner_id": cls.customer.id,
                            "amount": 10000.0,
                            "state": "granted",
                            "date_from": "2026-01-01",
                            "date_to": "2026-07-20",
                        }
                    )
                ],
            }
        )
        cls.invoice = cls._invoice(12000.0, "2026-05-20")  # 41 days late

    def test_uninsured_exposure(self):
        customer = self.customer.with_company(self.company)
        self.assertEqual(customer.credit_insured_limit, 10000.0)
        self.assertEqual(customer.credit_uninsured_exposure, 3000.0)  # 12,000 - 10,000 x 90 %
        self.policy.limit_ids.state = "refused"
        self.env.invalidate_all()
        self.assertEqual(
            (customer.credit_insured_limit, customer.credit_uninsured_exposure), (0, 0)
        )

    def test_block_over_the_uninsured_threshold(self):
        self.company.write({"credit_insurance_block": True, "credit_insurance_threshold": 3200.0})
        small = self._quotation(1)  # 100: uninsured 3,100
        self.assertFalse(small.credit_blocked)
        large = self._quotation(5)  # 500: uninsured 3,500
        self.assertTrue(large.credit_blocked)
        self.assertIn("uninsured exposure of Limit Customer to", large.credit_block_message)
        self.company.credit_insurance_block = False
        large.invalidate_recordset()
        self.assertFalse(large.credit_blocked)

    def test_credit_blocked_filter_finds_quotations_blocked_by_insurance(self):
        self.company.write({"credit_insurance_block": True, "credit_insurance_threshold": 3200.0})
        uninsured = self.env["res.partner"].create({"name": "Not Insured", "is_company": True})
        self._invoice(3000.0, "2026-07-31", uninsured)
        small = self._quotation(1)  # 100: uninsured 3,100
        large = self._quotation(5)  # 500: uninsured 3,500
        no_cover = self._quotation(3, uninsured)  # 3,000 + 300, nothing insured
        quotations = small | large | no_cover
        blocked = quotations.filtered_domain([("credit_blocked", "=", True)])
        self.assertEqual(blocked, large | no_cover)
        found = self.env["sale.order"].search(
            [("id", "in", quotations.ids), ("credit_blocked", "=", True)]
        )
        self.assertEqual(found, blocked)  # the search agrees with the confirmation check
        self.assertEqual(
            self.env["sale.order"].search(
                [("id", "in", quotations.ids), ("credit_blocked", "=", False)]
            ),
            small,
        )
        large.sudo().write(
            {
                "credit_approval_state": "approved",
                "credit_approved_amount": 500.0,
                "credit_approval_expiry": "2026-07-07",
            }
        )
        found = self.env["sale.order"].search(
            [("id", "in", quotations.ids), ("credit_blocked", "=", True)]
        )
        self.assertEqual(found, no_cover)
        self.company.credit_insurance_block = False
        self.assertFalse(
            self.env["sale.order"].search(
                [("id", "in", quotations.ids), ("credit_blocked", "=", True)]
            )
        )

    def test_expiring_and_over_the_insured_limit(self):
        limit = self.policy.limit_ids
        self.assertEqual(
            self.env["credit.insurance.limit"].search([("expiring", "=", True)]), limit
        )
        action = self.env["credit.insurance.limit"].action_over_insured_limit()
        self.assertEqual(self.env["credit.insurance.limit"].search(action["domain"]), limit)

    def test_threat_of_loss_activity_once(self):
        self.env["credit.insurance.limit"]._cron_threat_activities()
        self.env["credit.insurance.limit"]._cron_threat_activities()
        activities = self.customer.activity_ids.filtered(lambda a: "threat of loss" in a.summary)
        self.assertEqual(len(activities), 1)
        self.assertIn("Assureur Crédit SA", activities.summary)

    def test_rights(self):
        users = create_credit_users(self.env, self.company)
        with self.assertRaises(AccessError):
            self.env["credit.insurance.policy"].with_user(users["controller"]).create(
                {"name": "X", "insurer_id": self.insurer.id}
            )
        self.assertTrue(self.env["credit.insurance.policy"].with_user(users["manager"]).search([]))
