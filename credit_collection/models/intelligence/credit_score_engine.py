from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

MIN_PAID_INVOICES = 3  # fewer paid invoices in the window: "not enough history"
RECENT_MONTHS = 3  # the trend compares the last 3 months with the months before
FULL_DAYS_LATE = 60  # paying this late on average takes all the points of that factor
FULL_TREND_DAYS = 30  # paying this much later recently takes all the points of the trend
FULL_DISPUTE_RATE = 0.2  # one invoice in five disputed takes all the points of that factor
FACTORS = (
    "days_late", "late_share", "late30_share", "trend", "promises", "disputes", "overdue",
    "relationship",
)  # fmt: skip


@dataclass
class History:
    """What the score is made of, for one customer."""

    paid_count: int = 0
    avg_days_late: float = 0.0
    late_share: float = 0.0
    late30_share: float = 0.0
    recent_days_late: float | None = None
    earlier_days_late: float | None = None
    promises_kept: int = 0
    promises_due: int = 0
    dispute_rate: float = 0.0
    overdue_ratio: float | None = None
    relationship_months: int = 0
    median_days_late: float = 0.0
    median_days_small: float = 0.0
    median_days_medium: float = 0.0
    median_days_large: float = 0.0
    count_small: int = 0
    count_medium: int = 0
    count_large: int = 0


class CreditScoreEngine(models.AbstractModel):
    """Computes every customer's payment-behaviour score of a company at once.

    From the invoices paid over the company's window (12 months by default):
    average days late weighted by amount, share paid late, share paid more
    than 30 days late, trend (last 3 months against the months before); with
    the promises kept, the invoices disputed, today's overdue against the
    credit limit and the age of the relationship. Each factor takes off up
    to its weight (company settings) from 100. A few queries per company,
    whatever the number of customers; the rows are upserted in one statement.
    """

    _name = "credit.score.engine"
    _description = "Payment Score Engine"

    @api.model
    def _cron_compute_scores(self):
        for company in self.env["res.company"].sudo().search([]):
            self.sudo().with_company(company)._compute_company(company)

    @api.model
    def _compute_company(self, company, today=None, partners=None):
        """Score every customer of ``company``, or only the commercial ``partners``."""
        today = today or fields.Date.context_today(self)
        since = today - relativedelta(months=company.credit_score_months or 12)
        histories = self._histories(company, since, today, partners)
        weights = company._credit_score_weights()
        rows = []
        for partner_id, history in histories.items():
            points = self._points(history, weights)
            rows.append((partner_id, history, points))
        self._store(company, rows, today)
        if partners is None:
            self.env["credit.payment.median"].sudo()._compute_company(company, since)
            self.env["credit.segment.review"].sudo()._propose(company)
        return len(rows)

    def _points(self, history, weights):
        """{factor: points taken off}, or None when there is not enough history."""
        if history.paid_count < MIN_PAID_INVOICES:
            return None
        trend = 0.0
        if history.recent_days_late is not None and history.earlier_days_late is not None:
            trend = (history.recent_days_late - history.earlier_days_late) / FULL_TREND_DAYS
        shares = {
            "days_late": history.avg_days_late / FULL_DAYS_LATE,
            "late_share": history.late_share,
            "late30_share": history.late30_share,
            "trend": trend,
            "promises": (
                1 - history.promises_kept / history.promises_due if history.promises_due else 0.0
            ),
            "disputes": history.dispute_rate / FULL_DISPUTE_RATE,
            "overdue": history.overdue_ratio or 0.0,
            "relationship": max(12 - history.relationship_months, 0) / 12,
        }
        return {
            factor: round(weights[factor] * min(max(share, 0.0), 1.0), 1)
            for factor, share in shares.items()
        }

    def _store(self, company, rows, today):
        """Upsert every customer's row in one statement (a typed array per column)."""
        scores = self.env["credit.payment.score"]
        columns = {
            "partner_id": "int", "company_id": "int", "score": "int", "enough_history": "bool",
            "paid_count": "int", "avg_days_late": "float8", "late_share": "float8",
            "late30_share": "float8", "recent_days_late": "float8",
            "earlier_days_late": "float8", "promises_kept": "int", "promises_due": "int",
            "dispute_rate": "float8", "overdue_ratio": "float8", "relationship_months": "int",
            "computed_on": "date", "median_days_late": "float8", "median_days_small": "float8",
            "median_days_medium": "float8", "median_days_large": "float8", "count_small": "int",
            "count_medium": "int", "count_large": "int",
        } | dict.fromkeys(scores._points_fields(), "float8")  # fmt: skip
        values = {name: [] for name in columns}
        for partner_id, history, points in rows:
            score = None if points is None else max(0, min(100, round(100 - sum(points.values()))))
            row = {
                "partner_id": partner_id, "company_id": company.id, "score": score,
                "enough_history": points is not None, "computed_on": today,
                **{name: getattr(history, name) for name in columns if hasattr(history, name)},
                **{f"points_{factor}": (points or {}).get(factor, 0.0) for factor in FACTORS},
            }  # fmt: skip
            for name in columns:
                values[name].append(row[name])
        scores.flush_model()
        if rows:
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO credit_payment_score (%(names)s, create_uid, create_date,
                                                      write_uid, write_date)
                    SELECT *, %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                      FROM unnest(%(arrays)s)
                    ON CONFLICT (partner_id, company_id) DO UPDATE SET %(updates)s,
                        write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                    """,
                    names=SQL(", ").join(map(SQL.identifier, columns)),
                    uid=self.env.uid,
                    arrays=SQL(", ").join(
                        SQL("%s::%s[]", values[name], SQL(kind)) for name, kind in columns.items()
                    ),
                    updates=SQL(", ").join(
                        SQL("%s = EXCLUDED.%s", SQL.identifier(name), SQL.identifier(name))
                        for name in list(columns)[2:]
                    ),
                )
            )
        scores.invalidate_model()

    def _explain(self, row):
        """The score of ``row`` (a credit.payment.score) in words, factor by factor."""
        if not row.enough_history:
            return self.env._(
                "Not enough history: %(count)s paid invoices over the period, %(minimum)s needed.",
                count=row.paid_count,
                minimum=MIN_PAID_INVOICES,
            )

        def pts(value):
            return (
                self.env._("%s points", "-" + format(value, "g"))
                if value
                else self.env._("0 points")
            )

        # Figures as text first: the translation extractor skips calls holding f-strings.
        days = format(row.avg_days_late, ".0f")
        late = format(row.late_share * 100, ".0f")
        late30 = format(row.late30_share * 100, ".0f")
        recent = format(row.recent_days_late, ".0f")
        earlier = format(row.earlier_days_late, ".0f")
        disputed = format(row.dispute_rate * 100, ".0f")
        overdue = format(row.overdue_ratio * 100, ".0f")
        lines = [
            self.env._(
                "Pays %(days)s days late on average, weighted by amount (%(points)s)",
                days=days,
                points=pts(row.points_days_late),
            ),
            self.env._(
                "%(share)s %% of invoices paid late (%(points)s)",
                share=late,
                points=pts(row.points_late_share),
            ),
            self.env._(
                "%(share)s %% paid more than 30 days late (%(points)s)",
                share=late30,
                points=pts(row.points_late30_share),
            ),
        ]
        if row.recent_days_late or row.earlier_days_late:
            lines.append(
                self.env._(
                    "Last 3 months: %(recent)s days late on average, %(earlier)s before "
                    "(%(points)s)",
                    recent=recent,
                    earlier=earlier,
                    points=pts(row.points_trend),
                )
            )
        if row.promises_due:
            lines.append(
                self.env._(
                    "%(kept)s of %(due)s promises kept (%(points)s)",
                    kept=row.promises_kept,
                    due=row.promises_due,
                    points=pts(row.points_promises),
                )
            )
        lines.append(
            self.env._(
                "%(rate)s %% of invoices disputed (%(points)s)",
                rate=disputed,
                points=pts(row.points_disputes),
            )
        )
        if row.overdue_ratio:
            lines.append(
                self.env._(
                    "Overdue is %(ratio)s %% of the credit limit (%(points)s)",
                    ratio=overdue,
                    points=pts(row.points_overdue),
                )
            )
        lines.append(
            self.env._(
                "Customer for %(months)s months (%(points)s)",
                months=row.relationship_months,
                points=pts(row.points_relationship),
            )
        )
        return "\n".join(lines)
