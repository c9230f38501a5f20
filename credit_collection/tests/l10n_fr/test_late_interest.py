from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..common import CreditCollectionTestCommon


@tagged("post_install", "-at_install")
class TestLateInterest(CreditCollectionTestCommon):
    """Worked examples of L441-10 interest with the shipped rates (2015 to 2026-H1)."""

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
        # H2 2026 has no row yet: H1 2026's 12.15 % carries on (31 days of July 2026).
        self.assertEqual(self._interest(1000.0, "2026-06-30", "2026-07-31"), 10.32)
        interest = self.env["credit.late.interest"]
        missing = interest._missing_half_years(
            date(2025, 12, 31), date(2026, 7, 31), interest._rates(self.company)
        )
        self.assertEqual(missing, [date(2026, 7, 1)])

    def test_worked_example_across_two_half_years(self):
        # 46 days at 13.15 % + 45 days at 12.15 % = 165.73 + 149.79
        self.assertEqual(self._interest(10000.0, "2025-05-15", "2025-08-14"), 315.52)

    def test_invoice_of_2024_across_four_half_years(self):
        # 1,000 x (30 d x 14.50 % + 184 d x 14.25 % + 181 d x 13.15 % + 62 d x 12.15 %) / 365
        # = 11.92 + 71.84 + 65.21 + 20.64
        self.assertEqual(self._interest(1000.0, "2024-05-31", "2025-08-31"), 169.60)

    def test_contractual_rate_raised_to_the_2026_floor(self):
        # 5 % agreed, floor 3 x 2.62 % = 7.86 %: 10 days of June, then 5 days of July on the
        # latest row (H2 2026 not published yet): 1,234.56 x 7.86 % x 15 / 365
        periods = self.env["credit.late.interest"]._periods(
            1234.56, date(2026, 6, 20), date(2026, 7, 5), self.company, contractual_rate=5.0
        )
        self.assertEqual([(p.days, p.rate) for p in periods], [(10, 7.86), (5, 7.86)])
        self.assertEqual(self.company.currency_id.round(periods[0].amount), 2.66)
        self.assertEqual(self._interest(1234.56, "2026-06-20", "2026-07-05", 5.0), 3.99)

    def test_period_before_the_first_rate_is_a_clear_error(self):
        with self.assertRaisesRegex(
            UserError, "No late-payment interest rate for the half-year starting 2014-07-01"
        ):
            self._interest(1000.0, "2014-11-30", "2015-01-31")

    def test_one_rate_per_half_year_shared_rows_included(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["credit.interest.rate"].create(
                {"date_start": "2025-01-01", "ecb_rate": 3.15, "legal_rate": 3.71}
            )
        # A company may have its own row for a half-year that has a shared one.
        own = self.env["credit.interest.rate"].create(
            {
                "date_start": "2025-01-01",
                "ecb_rate": 3.15,
                "legal_rate": 3.71,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(own.rate, 13.15)

    def test_rates_start_on_a_half_year(self):
        with self.assertRaisesRegex(ValidationError, "1 January or 1 July"):
            self.env["credit.interest.rate"].create(
                {"date_start": "2026-03-01", "ecb_rate": 2.0, "legal_rate": 2.0}
            )
