from dataclasses import dataclass
from datetime import date, timedelta

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date

from ...receivable_sql import receivable_account_ids

DAYS_PER_YEAR = 365  # L441-10: amount x rate x days late / 365
# Public buyers (Code de la commande publique R2192-31,
# https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037729653): the ECB's main
# refinancing rate in force on the first day of the half-year in which interest starts to run,
# plus 8 points, for the whole delay.
PUBLIC_BUYER_POINTS = 8.0
# What settled each part (``partial``): only payments count as paid late. A credit note
# cancels an amount that was never owed (L441-10 II penalises late payment).
PAID_BY_JOIN = SQL(
    """
    JOIN account_move_line settling_line ON settling_line.id = partial.credit_move_id
    JOIN account_move settling ON settling.id = settling_line.move_id
    """
)
PAID_BY_PAYMENT = SQL("settling.move_type NOT IN ('out_refund', 'in_refund')")


@dataclass
class InterestPeriod:
    start: date
    end: date
    days: int
    rate: float  # annual, in %
    amount: float


def half_year_start(day):
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def half_year_end(day):
    return date(day.year, 6, 30) if day.month <= 6 else date(day.year, 12, 31)


class CreditLateInterest(models.AbstractModel):
    """Late-payment interest of an amount due, split at half-year boundaries."""

    _name = "credit.late.interest"
    _description = "Late-Payment Interest"

    def _periods(
        self,
        amount,
        due_date,
        until,
        company,
        *,
        contractual_rate=0.0,
        rates=None,
        legal=False,
        public=False,
    ):
        """Interest periods from the day after ``due_date`` to ``until`` included.

        Each half-year uses its own reference rate, or ``contractual_rate`` raised
        to three times that half-year's legal interest rate when it is lower; or,
        with ``legal``, the legal interest rate itself (Civil Code 1231-6); or, for
        a ``public`` buyer, the rate of the half-year where interest starts for all
        of them (R2192-31).
        """
        periods = []
        start = due_date + timedelta(days=1)
        public_rate = public and self._public_rate(start, company, rates)
        while start <= until:
            end = min(half_year_end(start), until)
            annual = public_rate or self._annual_rate(
                half_year_start(start), company, contractual_rate, rates, legal=legal
            )
            days = (end - start).days + 1
            periods.append(
                InterestPeriod(
                    start, end, days, annual, amount * annual / 100 * days / DAYS_PER_YEAR
                )
            )
            start = end + timedelta(days=1)
        return periods

    def _rates(self, company):
        """Every reference rate of ``company``, latest first: read once for many invoices."""
        return self.env["credit.interest.rate"].search(
            [("company_id", "in", (False, company.id))], order="date_start desc, company_id"
        )

    def _reference(self, period_start, company, rates=None):
        rates = self._rates(company) if rates is None else rates
        reference = next((rate for rate in rates if rate.date_start <= period_start), None)
        if not reference:
            raise UserError(
                self.env._(
                    "No late-payment interest rate for the half-year starting %s: add it in "
                    "Credit & Collections > Configuration > Interest Rates.",
                    period_start,
                )
            )
        return reference

    def _public_rate(self, start, company, rates=None):
        """A public buyer's annual rate for interest starting on ``start`` (R2192-31)."""
        reference = self._reference(half_year_start(start), company, rates)
        return reference.ecb_rate + PUBLIC_BUYER_POINTS

    def _annual_rate(self, period_start, company, contractual_rate, rates=None, *, legal=False):
        reference = self._reference(period_start, company, rates)
        if legal:
            return reference.legal_rate
        if contractual_rate:
            return max(contractual_rate, 3 * reference.legal_rate)
        return reference.rate

    def _missing_half_years(self, due_date, until, rates):
        """Starts of the half-years from the day after ``due_date`` to ``until`` that have
        no row of their own in ``rates`` but an earlier one (whose rate is used)."""
        starts = {rate.date_start for rate in rates}
        first = min(starts, default=None)
        missing = []
        start = half_year_start(due_date + timedelta(days=1))
        while start <= until:
            if first and first < start and start not in starts:
                missing.append(start)
            start = half_year_start(half_year_end(start) + timedelta(days=1))
        return missing

    def _rate_description(self, customer, company, day):
        """The late-payment rate ``customer`` is charged on ``day``, with its basis, as
        printed on invoices and letters."""
        period = half_year_start(day)
        rates = self._rates(company)
        reference = next((rate for rate in rates if rate.date_start <= period), None)
        if customer.credit_public_buyer:
            return self._public_rate_description(reference)
        contractual = customer.credit_contractual_interest_rate
        if contractual:
            floor = 3 * reference.legal_rate if reference else 0.0
            return self.env._(
                "%(rate).2f %% a year (agreed rate, never below three times the legal interest "
                "rate)",
                rate=max(contractual, floor),
            )
        if not reference:
            return self.env._(
                "the European Central Bank's refinancing rate in force on 1 January or 1 July "
                "of each half-year of the delay, plus 10 points"
            )
        # The rule, with today's figure: a delay running into a later half-year takes that
        # half-year's rate (L441-10 II).
        return self.env._(
            "the European Central Bank's refinancing rate in force on 1 January or 1 July of "
            "each half-year of the delay, plus %(points).2f points (for the half-year starting "
            "%(period)s: %(ecb).2f %% + %(points).2f = %(rate).2f %% a year)",
            rate=reference.rate,
            period=format_date(self.env, reference.date_start),
            ecb=reference.ecb_rate,
            points=reference.points,
        )

    def _public_rate_description(self, reference):
        if not reference:
            return self.env._(
                "the European Central Bank's main refinancing rate in force on the first day of "
                "the half-year in which interest starts, plus 8 points (Public Procurement Code, "
                "R2192-31)"
            )
        return self.env._(
            "the European Central Bank's main refinancing rate in force on the first day of the "
            "half-year in which interest starts, plus 8 points (Public Procurement Code, "
            "R2192-31): %(rate).2f %% a year for interest starting in the half-year of "
            "%(period)s",
            rate=reference.ecb_rate + PUBLIC_BUYER_POINTS,
            period=format_date(self.env, reference.date_start),
        )

    def _interest(self, amount, due_date, until, company, *, contractual_rate=0.0, rates=None):
        """Interest owed on ``amount`` (taxes included) at ``until``, in company currency."""
        factor = self._interest_factor(
            due_date, until, company, contractual_rate=contractual_rate, rates=rates
        )
        return company.currency_id.round(amount * factor)

    def _interest_factor(
        self,
        due_date,
        until,
        company,
        *,
        contractual_rate=0.0,
        rates=None,
        legal=False,
        public=False,
    ):
        """Interest owed per unit of amount: the same for every invoice due the same day."""
        periods = self._periods(
            1.0,
            due_date,
            until,
            company,
            contractual_rate=contractual_rate,
            rates=rates,
            legal=legal,
            public=public,
        )
        return sum(period.amount for period in periods)

    def _parts_paid_late(self, invoice_ids, until=None):
        """{invoice id: [(amount, paid on)]}: the parts of ``invoice_ids`` paid (not
        credited) after their due date, up to ``until`` if given. Each owes interest
        from the due date to its own payment date."""
        if not invoice_ids:
            return {}
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.move_id, partial.amount, partial.max_date
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN account_partial_reconcile partial ON partial.debit_move_id = line.id
                  %s
                 WHERE line.move_id = ANY(%s) AND line.account_id = ANY(%s)
                   AND partial.max_date > move.invoice_date_due AND %s
                   AND (%s::date IS NULL OR partial.max_date <= %s::date)
                """,
                PAID_BY_JOIN,
                list(invoice_ids),
                receivable_account_ids(self.env),
                PAID_BY_PAYMENT,
                until,
                until,
            )
        )
        parts = {}
        for move_id, amount, paid_on in rows:
            parts.setdefault(move_id, []).append((float(amount), paid_on))
        return parts
