from odoo.tests import TransactionCase, tagged

from ..common import run_migration


@tagged("post_install", "-at_install")
class TestShippedDataMigration(TransactionCase):
    """18.0.1.2.0 gives the shipped segments the score ranges older databases lack
    (noupdate data), and keeps the ranges a user set."""

    def test_empty_ranges_are_filled_and_users_ranges_kept(self):
        segments = {
            code: self.env.ref(f"credit_collection.credit_risk_segment_{code}") for code in "abcd"
        }
        segments["a"].write({"score_min": 85, "score_max": 100})  # the user's choice
        self.env.flush_all()
        self.env.cr.execute(  # as the update left them: new columns, empty
            "UPDATE credit_risk_segment SET score_min = NULL, score_max = NULL WHERE id = ANY(%s)",
            [[segments[code].id for code in "bcd"]],
        )
        run_migration(self.env, "18.0.1.2.0", "18.0.1.0.0")
        self.assertEqual(
            [(s.score_min, s.score_max) for s in segments.values()],
            [(85, 100), (60, 79), (40, 59), (0, 39)],
        )

    def test_first_rate_rows_get_the_private_creditors_rate(self):
        first = self.env.ref("credit_collection.credit_interest_rate_2025_h1")
        second = self.env.ref("credit_collection.credit_interest_rate_2025_h2")
        second.legal_rate_private = 6.5  # corrected by the user: kept
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE credit_interest_rate SET legal_rate_private = NULL WHERE id = %s", [first.id]
        )
        run_migration(self.env, "18.0.1.2.0", "18.0.1.0.0")
        self.assertEqual((first.legal_rate_private, second.legal_rate_private), (7.21, 6.5))
