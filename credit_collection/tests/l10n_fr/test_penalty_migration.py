from freezegun import freeze_time

from odoo.tests import tagged

from ..common import run_migration
from ..dunning.test_dunning_letter import DunningLetterCommon


def migrate(env, from_version="18.0.1.0.0"):
    run_migration(env, "18.0.1.2.0", from_version)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestPenaltyMigration(DunningLetterCommon):
    """18.0.1.2.0 recognises the penalty invoices of versions that did not flag them:
    nothing is billed twice, and they are not dunned with penalties of their own."""

    def _old_penalty_invoice(self):
        """A posted penalty invoice as the first versions left it: no flag, no links."""
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()
        communication = self._communication(run)
        penalty = self.env["account.move"].browse(
            communication.action_create_penalty_invoice()["res_id"]
        )
        penalty.action_post()
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE account_move SET credit_penalty_invoice = NULL WHERE id = %s", [penalty.id]
        )
        self.env.cr.execute(
            "UPDATE account_move_line SET credit_penalty_source_id = NULL, "
            "credit_penalty_kind = NULL WHERE move_id = %s",
            [penalty.id],
        )
        self.env.invalidate_all()
        return communication, penalty

    def test_old_penalty_invoice_is_recognised_and_nothing_billed_twice(self):
        first = self._invoice(1000.0, "2026-06-05")
        second = self._invoice(2500.0, "2026-06-01")
        communication, penalty = self._old_penalty_invoice()
        lines = self.env["account.move.line"]
        self.assertFalse(lines._credit_billed_penalties([first.id, second.id]))
        self.assertEqual(len(communication.line_ids), 2)

        migrate(self.env)
        self.assertTrue(penalty.credit_penalty_invoice)
        billed = lines._credit_billed_penalties([first.id, second.id])
        for line in communication.line_ids:
            self.assertEqual(
                billed[line.move_id.id],
                {"interest": line.interest_amount, "indemnity": line.indemnity_amount},
            )
        # Asked again, there is nothing left to bill.
        claims = [
            (line.move_id, line.interest_amount, line.indemnity_amount)
            for line in communication.line_ids
        ]
        self.assertFalse(
            self.env["credit.penalty.invoice"]._create(self.company, self.customer, claims, "again")
        )

    def test_running_twice_changes_nothing(self):
        self._invoice(1000.0, "2026-06-05")
        _communication, penalty = self._old_penalty_invoice()
        migrate(self.env)
        before = penalty.invoice_line_ids.mapped(
            lambda line: (line.credit_penalty_source_id, line.credit_penalty_kind)
        )
        migrate(self.env, "18.0.1.1.0")
        after = penalty.invoice_line_ids.mapped(
            lambda line: (line.credit_penalty_source_id, line.credit_penalty_kind)
        )
        self.assertEqual(before, after)
        self.assertEqual([kind for _source, kind in after], ["interest", "indemnity"])
