from freezegun import freeze_time

from odoo.tests import tagged

from ..common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestCall(CreditLimitTestCommon):
    """A logged call notes its outcome, closes the call activity, opens the promise
    or dispute it led to, and counts in the collector KPIs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(800.0, "2026-06-10")
        cls.controller = create_credit_users(cls.env, cls.company)["controller"]

    def _log(self, outcome, note=""):
        call = (
            self.env["credit.call"]
            .with_user(self.controller)
            .create({"partner_id": self.customer.id, "outcome": outcome, "note": note})
        )
        return call, call.action_log()

    def test_promise_outcome_opens_the_promise_prefilled(self):
        self.customer.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.controller.id, summary="Call"
        )
        call, action = self._log("promise", "Pays on the 10th")
        self.assertFalse(self.customer.activity_ids)  # done
        bodies = self.customer.message_ids.mapped("body")
        self.assertTrue(any("Call: Promise to Pay — Pays on the 10th" in body for body in bodies))
        self.assertEqual(action["res_model"], "credit.promise")
        promise = (
            self.env["credit.promise"]
            .with_user(self.controller)
            .with_context(**action["context"])
            .create({"date_promised": "2026-07-10"})
        )
        self.assertEqual(
            (promise.partner_id, promise.move_ids, promise.amount, promise.channel),
            (self.customer, self.invoice, 800.0, "phone"),
        )
        self.assertEqual((call.promise_id, call.amount_promised), (promise, 800.0))

    def test_dispute_outcome_opens_the_dispute_prefilled(self):
        call, action = self._log("dispute")
        self.assertEqual(action["res_model"], "credit.dispute")
        dispute = (
            self.env["credit.dispute"]
            .with_user(self.controller)
            .with_context(**action["context"])
            .create({"reason_id": self.env.ref("credit_collection.credit_dispute_reason_price").id})
        )
        self.assertEqual(dispute.line_ids.move_id, self.invoice)
        self.assertEqual(call.dispute_id, dispute)

    def test_collector_kpis(self):
        self._log("reached")
        self._log("no_answer")
        self._log("wrong_number")
        self._log("transfer")
        groups = self.env["credit.call"]._read_group(
            [("user_id", "=", self.controller.id)], ["user_id"], ["__count", "reach_rate:avg"]
        )
        self.assertEqual(groups, [(self.controller, 4, 50.0)])

    def test_log_a_call_from_the_customer(self):
        action = self.customer.action_credit_log_call()
        self.assertEqual(
            (action["res_model"], action["target"], action["context"]["default_partner_id"]),
            ("credit.call", "new", self.customer.id),
        )
