from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..dunning.test_dunning_letter import DunningLetterCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestPenaltyInvoice(DunningLetterCommon):
    """Penalty invoices bill the interest and indemnities a communication claimed, once."""

    def test_penalty_invoice(self):
        late = self._invoice(1000.0, "2026-06-05")
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()
        communication = self._communication(run)
        interest = communication.interest_total
        action = communication.action_create_penalty_invoice()
        penalty = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(communication.penalty_move_id, penalty)
        self.assertEqual((penalty.move_type, penalty.state), ("out_invoice", "draft"))
        self.assertEqual(penalty.partner_id, self.customer)
        self.assertEqual(
            penalty.invoice_line_ids.mapped("name"),
            [f"Late-payment interest on {late.name}", f"Fixed recovery indemnity for {late.name}"],
        )
        self.assertEqual(penalty.invoice_line_ids.mapped("price_subtotal"), [interest, 40.0])
        self.assertFalse(penalty.invoice_line_ids.tax_ids)
        self.assertAlmostEqual(penalty.amount_total, interest + 40.0, places=2)
        with self.assertRaisesRegex(UserError, "already exists"):
            communication.action_create_penalty_invoice()

    def test_penalties_are_billed_once_over_two_levels(self):
        late = self._invoice(1000.0, "2026-06-05")  # 25 days late: firm reminder
        firm_run = self.env["credit.dunning.run"]._plan_run(self.company)
        firm_run.action_send()
        firm = self._communication(firm_run)
        # 1,000 x 12.15 % x 25 / 365 = 8.32, and the indemnity.
        self.assertEqual((firm.interest_total, firm.indemnity_total), (8.32, 40.0))
        first = self.env["account.move"].browse(firm.action_create_penalty_invoice()["res_id"])
        first.action_post()  # due at once: dunned from now on
        self.assertTrue(first.credit_penalty_invoice)
        with freeze_time("2026-07-25"):  # 50 days late: formal notice
            notice_run = self.env["credit.dunning.run"]._plan_run(self.company)
            notice = self._communication(notice_run)
            self.assertEqual(notice.level_id, self.levels["formal_notice"])
            line = notice.line_ids.filtered(lambda line: line.move_id == late)
            # Restated in all: 25 days in H1 and 25 in H2 at 12.15 % (8.32 + 8.32), of which
            # the first penalty invoice already bills 8.32 + 40.00.
            self.assertEqual(
                (line.interest_amount, line.indemnity_amount, line.penalty_invoiced),
                (16.64, 40.0, 48.32),
            )
            # The penalty invoice is dunned for its amount, with no interest nor indemnity.
            penalty_line = notice.line_ids.filtered(lambda line: line.move_id == first)
            self.assertEqual(penalty_line.amount_residual, 48.32)
            self.assertEqual((penalty_line.interest_amount, penalty_line.indemnity_amount), (0, 0))
            self.assertEqual(notice.amount_claimed, 1056.64)  # 1,000 + 48.32 + 8.32
            html = self._html(notice)
            self.assertIn("have already been invoiced to you", html)
            notice_run.action_send()
            second = self.env["account.move"].browse(
                notice.action_create_penalty_invoice()["res_id"]
            )
        self.assertEqual(
            second.invoice_line_ids.mapped("name"), [f"Late-payment interest on {late.name}"]
        )
        self.assertEqual(second.amount_total, 8.32)
        # Together: the interest to the formal notice, and one indemnity.
        penalty_lines = (first | second).invoice_line_ids
        self.assertAlmostEqual(sum(penalty_lines.mapped("price_subtotal")), 16.64 + 40.0, 2)
        indemnities = penalty_lines.filtered(lambda line: line.credit_penalty_kind == "indemnity")
        self.assertEqual(len(indemnities), 1)

    def test_no_penalty_to_invoice(self):
        self._invoice(300.0, "2026-06-20")  # friendly reminder: no penalties claimed
        with self.assertRaisesRegex(UserError, "no late-payment interest"):
            self._communication().action_create_penalty_invoice()

    def test_salesman_cannot_invoice_penalties(self):
        self._invoice(1000.0, "2026-06-05")
        communication = self._communication()
        with self.assertRaises(AccessError):
            communication.with_user(self.users["salesman"]).action_create_penalty_invoice()
        communication.with_user(self.users["controller"]).action_create_penalty_invoice()
        self.assertTrue(communication.penalty_move_id)
