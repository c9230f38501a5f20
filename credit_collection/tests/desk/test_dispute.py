from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestDispute(CreditLimitTestCommon):
    """An open dispute leaves only the disputed part of its invoices out of dunning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env.ref("credit_collection.credit_dispute_reason_quality")
        cls.firm = cls.env.ref("credit_collection.credit_dunning_level_firm")
        cls.invoice = cls._invoice(1000.0, "2026-06-05")  # 25 days late: firm reminder

    def _dispute(self, amount=None, invoice=None, **values):
        line = {"move_id": (invoice or self.invoice).id}
        if amount is not None:
            line["amount_disputed"] = amount
        return self.env["credit.dispute"].create(
            {
                "partner_id": self.customer.id,
                "reason_id": self.reason.id,
                "line_ids": [Command.create(line)],
                **values,
            }
        )

    def test_only_the_undisputed_part_is_dunned(self):
        dispute = self._dispute(400.0)
        self.assertEqual(
            self._planned("residual", "residual_currency"),
            {self.invoice.id: (self.firm.id, 600.0, 600.0)},
        )
        dispute.action_reject()
        self.assertEqual(
            self._planned("residual", "residual_currency"),
            {self.invoice.id: (self.firm.id, 1000.0, 1000.0)},
        )

    def test_a_wholly_disputed_invoice_is_not_dunned(self):
        dispute = self._dispute()  # the residual by default
        self.assertEqual(dispute.line_ids.amount_disputed, 1000.0)
        self.assertEqual(self._planned("residual", "residual_currency"), {})
        self._pay(self.invoice, 300.0)  # the customer pays what it does not dispute
        self.assertEqual(self._planned("residual", "residual_currency"), {})

    def test_resolution(self):
        dispute = self._dispute(400.0)
        self.assertEqual(dispute.name[:5], "DISP/")
        with self.assertRaisesRegex(UserError, "credit note"):
            dispute.action_resolve_credit_note()
        credit_note = self._invoice(400.0, "2026-06-30", move_type="out_refund")
        dispute.credit_note_id = credit_note
        with freeze_time("2026-07-10"):
            dispute.action_resolve_credit_note()
        self.assertEqual(
            (dispute.state, dispute.resolution, str(dispute.date_resolved)),
            ("resolved", "credit_note", "2026-07-10"),
        )
        self.assertEqual(dispute.days_to_resolve, 10)
        with self.assertRaises(UserError):
            dispute.action_withdraw()

    def test_bad_input(self):
        with self.assertRaises(ValidationError) as error:
            self._dispute(1000.01)
        self.assertIn("is more than what is due on it", str(error.exception))
        other = self.env["res.partner"].create({"name": "Other", "is_company": True})
        foreign = self._invoice(50.0, "2026-06-05", partner=other)
        with self.assertRaises(ValidationError) as error:
            self._dispute(invoice=foreign)
        self.assertIn("not an invoice of", str(error.exception))
        self.assertFalse(self.env["credit.dispute"].search([("partner_id", "=", self.customer.id)]))

    def test_owner_is_asked_to_act(self):
        owner = create_credit_users(self.env, self.company)["controller"]
        dispute = self._dispute(user_id=owner.id)
        self.assertEqual(dispute.activity_ids.user_id, owner)

    def test_salesperson_opens_disputes_on_own_customers_only(self):
        salesman = create_credit_users(self.env, self.company)["salesman"]
        self.customer.user_id = salesman
        other = self.env["res.partner"].create({"name": "Not Mine", "is_company": True})
        others_dispute = self.env["credit.dispute"].create(
            {
                "partner_id": other.id,
                "reason_id": self.reason.id,
                "line_ids": [
                    Command.create({"move_id": self._invoice(80.0, "2026-06-05", partner=other).id})
                ],
            }
        )
        disputes = self.env["credit.dispute"].with_user(salesman)
        action = self.invoice.with_user(salesman).action_credit_open_dispute()
        mine = disputes.with_context(**action["context"]).create({"reason_id": self.reason.id})
        self.assertEqual(
            (mine.partner_id, mine.line_ids.move_id, mine.user_id),
            (self.customer, self.invoice, self.invoice.invoice_user_id),
        )
        self.assertEqual(disputes.search([]), mine)
        self.assertNotIn(others_dispute, disputes.search([]))
        with self.assertRaises(AccessError):
            mine.action_reject()
        # A line made on its own cannot take another customer's invoice out of dunning,
        # nor more than is due on the salesperson's own one.
        other_invoice = others_dispute.line_ids.move_id
        own = self._invoice(300.0, "2026-06-20")
        lines = self.env["credit.dispute.line"].with_user(salesman)
        for line, error in (
            ({"dispute_id": mine.id, "move_id": other_invoice.id, "amount_disputed": 1e12}, ValidationError),
            ({"dispute_id": mine.id, "move_id": other_invoice.id, "amount_disputed": 10.0}, ValidationError),
            ({"dispute_id": mine.id, "move_id": own.id, "amount_disputed": 1e12}, ValidationError),
            ({"dispute_id": others_dispute.id, "move_id": self.invoice.id, "amount_disputed": 1.0}, AccessError),
        ):  # fmt: skip
            with self.assertRaises(error):
                lines.create(line)
        disputed = self.env["credit.dispute.line"].search(
            [("move_id", "in", (self.invoice | other_invoice | own).ids)]
        )
        self.assertEqual(disputed, mine.line_ids | others_dispute.line_ids)
