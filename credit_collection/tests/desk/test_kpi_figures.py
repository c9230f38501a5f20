from datetime import date

from odoo.tests import BaseCase, tagged

from ...report.desk.credit_kpi_figures import (
    count_back_dso,
    days_in_period,
    kpi_ratios,
    month_ends,
    monthly_series,
)

TODAY = date(2026, 6, 30)


def series_of(*months):
    """A series from (month, sales, ar, current) tuples."""
    series = monthly_series()
    for month, sales, receivable, current in months:
        series[month].update(sales=sales, ar=receivable, current=current)
    return series


@tagged("post_install", "-at_install")
class TestKpiFigures(BaseCase):
    """The KPI arithmetic on DOMAIN.md's worked example, without a database."""

    def test_days_in_period(self):
        self.assertEqual(days_in_period(date(2026, 2, 1), TODAY), 28)
        self.assertEqual(days_in_period(date(2024, 2, 1), TODAY), 29)
        self.assertEqual(days_in_period(date(2026, 6, 1), date(2026, 6, 12)), 12)

    def test_month_ends_start_the_month_before_and_stop_today(self):
        self.assertEqual(
            month_ends(date(2026, 4, 1), date(2026, 6, 12)),
            [date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 12)],
        )

    def test_count_back_dso_worked_example(self):
        # AR 212k; sales June 100k, May 80k, April 70k: 30 + 31 + 32/70 x 30 days
        series = series_of(
            (date(2026, 4, 1), 70000.0, 0.0, 0.0),
            (date(2026, 5, 1), 80000.0, 0.0, 0.0),
            (date(2026, 6, 1), 100000.0, 212000.0, 100000.0),
        )
        self.assertAlmostEqual(count_back_dso(series, date(2026, 6, 1), TODAY), 61 + 32 / 70 * 30)

    def test_count_back_dso_without_sales_counts_whole_months(self):
        series = series_of((date(2026, 6, 1), 0.0, 500.0, 0.0))
        # 25 months back without a sale: every month of the look-back counts in full
        self.assertGreater(count_back_dso(series, date(2026, 6, 1), TODAY), 700)
        self.assertEqual(count_back_dso(monthly_series(), date(2026, 6, 1), TODAY), 0.0)

    def test_ratios(self):
        series = series_of(
            (date(2026, 5, 1), 80000.0, 150000.0, 80000.0),
            (date(2026, 6, 1), 100000.0, 212000.0, 100000.0),
        )
        series[date(2026, 6, 1)].update(invoices=4, disputed=1)
        ratios = kpi_ratios(series, date(2026, 6, 1), TODAY)
        self.assertAlmostEqual(ratios["best_dso"], 30.0)
        self.assertAlmostEqual(ratios["collection_effectiveness"], 38 / 150 * 100)
        self.assertAlmostEqual(ratios["overdue_ratio"], 112 / 212 * 100)
        self.assertAlmostEqual(ratios["dispute_rate"], 25.0)
        self.assertAlmostEqual(
            ratios["average_days_delinquent"], ratios["dso"] - ratios["best_dso"]
        )

    def test_ratios_of_an_empty_month_are_zero(self):
        ratios = kpi_ratios(monthly_series(), date(2026, 6, 1), TODAY)
        self.assertEqual(set(ratios.values()), {0.0})
