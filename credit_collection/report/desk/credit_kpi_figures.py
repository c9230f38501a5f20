"""Collection KPI arithmetic: plain functions of monthly figures, no database.

A *series* maps the first day of a month to that month's figures, in company
currency: ``sales`` (credit sales), ``ar`` (receivables open at its end),
``current`` (of which not yet due), ``invoices`` (issued) and ``disputed``.
Definitions: ../shared/DOMAIN.md and the help of the ``credit.kpi`` fields.
"""

import calendar
from collections import defaultdict

from dateutil.relativedelta import relativedelta

LOOKBACK_MONTHS = 24  # extra months of sales the count-back DSO may walk through


def monthly_series():
    """A series whose months without figures read as zeros."""
    return defaultdict(
        lambda: {"sales": 0.0, "ar": 0.0, "current": 0.0, "invoices": 0, "disputed": 0}
    )


def days_in_period(month, today):
    """Days of ``month`` counted so far: all of them, or up to ``today`` in its month."""
    if (month.year, month.month) == (today.year, today.month):
        return today.day
    return calendar.monthrange(month.year, month.month)[1]


def month_ends(first_month, today):
    """The last day of each month from the month before ``first_month`` to today's
    (today itself for the current month)."""
    month = first_month - relativedelta(months=1)
    ends = []
    while month <= today:
        ends.append(min(month + relativedelta(months=1, days=-1), today))
        month += relativedelta(months=1)
    return ends


def count_back_dso(series, month, today):
    """Count-back DSO at the end of ``month``: take each month's sales off the
    closing receivables going backwards, adding its days, and the fraction of
    the last month the remainder covers."""
    remaining = series[month]["ar"]
    dso = 0.0
    for _step in range(LOOKBACK_MONTHS + 1):
        if remaining <= 0:
            break
        sales = series[month]["sales"]
        days = days_in_period(month, today)
        if sales <= 0:
            dso += days
        elif remaining > sales:
            remaining -= sales
            dso += days
        else:
            dso += remaining / sales * days
            break
        month -= relativedelta(months=1)
    return dso


def kpi_ratios(series, month, today):
    """The ratios of ``month``: dso, best_dso, average_days_delinquent,
    collection_effectiveness, overdue_ratio and dispute_rate."""
    current, previous = series[month], series[month - relativedelta(months=1)]
    dso = count_back_dso(series, month, today)
    best = (
        current["current"] / current["sales"] * days_in_period(month, today)
        if current["sales"] > 0
        else 0.0
    )
    collectable = previous["ar"] + current["sales"] - current["current"]
    collected = previous["ar"] + current["sales"] - current["ar"]
    overdue = current["ar"] - current["current"]
    return {
        "dso": dso,
        "best_dso": best,
        "average_days_delinquent": dso - best,
        "collection_effectiveness": collected / collectable * 100 if collectable > 0 else 0.0,
        "overdue_ratio": overdue / current["ar"] * 100 if current["ar"] > 0 else 0.0,
        "dispute_rate": current["disputed"] / current["invoices"] * 100
        if current["invoices"]
        else 0.0,
    }
