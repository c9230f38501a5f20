from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CreditCollectionTestCommon


@tagged("post_install", "-at_install")
class TestLateInterest(CreditCollectionTestCommon):
    """Worked examples of L441-10 interest with the seeded 2025 rates."""

    def _interest(self, amount, due, until, contractual_rate=0.0):
        return self.env["credit.late.interest"]._interest(
            amount,
            date.fromisoformat(due),
            date.fromisoformat(until),
            self.company,
            contractual_rate=contractual_rate,
        )

    def test_within_one_half_year(self):
        # 10,000 x 13.15 % x 30 / 365 = 108.08 (from 1 to 30 June)
        self.assertEqual(self._interest(10000.0, "2025-05-31", "2025-06-30"), 108.08)

    def test_split_at_the_half_year(self):
        # June: 30 days at 13.15 % = 108.082; July-August: 62 days at 12.15 % = 206.384
        self.assertEqual(self._interest(10000.0, "2025-05-31", "2025-08-31"), 314.47)
        periods = self.env["credit.late.interest"]._periods(
            10000.0, date(2025, 5, 31), date(2025, 8, 31), self.company
        )
        self.assertEqual([(p.days, p.rate) for p in periods], [(30, 13.15), (62, 12.15)])

    def test_nothing_before_the_day_after_due(self):
        self.assertEqual(self._interest(10000.0, "2025-05-31", "2025-05-31"), 0.0)
        self.assertEqual(self._interest(10000.0, "2025-05-31", "2025-06-01"), 3.6)  # 1 day

    def test_contractual_rate_never_below_three_times_legal_rate(self):
        # 5 % agreed, floor 3 x 2.76 % = 8.28 %: 1,000 x 8.28 % x 30 / 365 = 6.81
        self.assertEqual(self._interest(1000.0, "2025-08-31", "2025-09-30", 5.0), 6.81)
        # 15 % agreed, above the floor: 1,000 x 15 % x 30 / 365 = 12.33
        self.assertEqual(self._interest(1000.0, "2025-08-31", "2025-09-30", 15.0), 12.33)

    def test_later_half_years_use_the_latest_rate(self):
        # 2026 has no row yet: H2 2025's 12.15 % carries on (31 days of January 2026).
        self.assertEqual(self._interest(1000.0, "2025-12-31", "2026-01-31"), 10.32)

    def test_missing_rate_is_a_clear_error(self):
        with self.assertRaisesRegex(UserError, "No late-payment interest rate for the half-year"):
            self._interest(1000.0, "2024-05-31", "2024-06-30")

    def test_rates_start_on_a_half_year(self):
        with self.assertRaisesRegex(ValidationError, "1 January or 1 July"):
            self.env["credit.interest.rate"].create({"date_start": "2026-03-01", "ecb_rate": 2.0})
