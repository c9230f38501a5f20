from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ...receivable_sql import company_dependent_column, receivable_account_ids

# Size classes of an invoice, in company currency: below 1,000, below 10,000, the rest.
SIZE_LIMITS = (1000.0, 10000.0)
SIZES = ("small", "medium", "large")
MIN_INVOICES = 3  # a median over fewer paid invoices is not used to predict


class CreditPaymentMedian(models.Model):
    """Median days late of the invoices paid over the score period, per risk
    segment and for the whole company: what predicts an invoice's payment date
    when its customer's own history is too short. Rebuilt by the nightly job."""

    _name = "credit.payment.median"
    _description = "Payment Delay Median"

    company_id = fields.Many2one("res.company", required=True, index=True)
    credit_risk_segment_id = fields.Many2one("credit.risk.segment", string="Risk Segment")
    median_days_late = fields.Float(digits=(16, 1))
    invoice_count = fields.Integer()

    _sql_constraints = [
        (
            "company_segment_unique",
            "UNIQUE NULLS NOT DISTINCT (company_id, credit_risk_segment_id)",
            "One median per segment and company.",
        ),
    ]

    @api.model
    def _size_medians_select(self, amount):
        """Select list: median days late and count per size class of ``amount``."""
        classes = self._size_conditions(SQL.identifier(amount))
        medians = [
            SQL(
                "percentile_cont(0.5) WITHIN GROUP (ORDER BY days_late) FILTER (WHERE %s) AS %s",
                condition,
                SQL.identifier(f"median_{size}"),
            )
            for size, condition in classes.items()
        ]
        counts = [
            SQL("COUNT(*) FILTER (WHERE %s) AS %s", condition, SQL.identifier(f"count_{size}"))
            for size, condition in classes.items()
        ]
        return SQL(", ").join(medians + counts)

    @api.model
    def _size_conditions(self, amount):
        small, medium = SIZE_LIMITS
        return {
            "small": SQL("%s < %s", amount, small),
            "medium": SQL("%s >= %s AND %s < %s", amount, small, amount, medium),
            "large": SQL("%s >= %s", amount, medium),
        }

    @api.model
    def _compute_company(self, company, since):
        self.search([("company_id", "=", company.id)]).unlink()
        rows = self.env.execute_query(
            SQL(
                """
                WITH paid AS (
                    SELECT move.id, %(segment)s AS segment_id,
                           GREATEST(MAX(partial.max_date) - move.invoice_date_due, 0) AS days_late
                      FROM account_move move
                      JOIN res_partner commercial ON commercial.id = move.commercial_partner_id
                      JOIN account_move_line line ON line.move_id = move.id
                      JOIN account_partial_reconcile partial ON partial.debit_move_id = line.id
                     WHERE move.company_id = %(company)s AND move.move_type = 'out_invoice'
                       AND move.state = 'posted' AND move.payment_state IN ('paid', 'in_payment')
                       AND move.invoice_date_due IS NOT NULL AND line.account_id = ANY(%(accounts)s)
                  GROUP BY move.id, commercial.id
                    HAVING MAX(partial.max_date) >= %(since)s
                )
                SELECT segment_id, GROUPING(segment_id),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY days_late), COUNT(*)
                  FROM paid GROUP BY GROUPING SETS ((segment_id), ())
                """,
                segment=company_dependent_column("credit_risk_segment_id", company),
                company=company.id,
                accounts=receivable_account_ids(self.env),
                since=since,
            )
        )
        self.create(
            [
                {
                    "company_id": company.id,
                    "credit_risk_segment_id": segment_id,
                    "median_days_late": median or 0.0,
                    "invoice_count": count,
                }
                for segment_id, whole_company, median, count in rows
                if whole_company or segment_id
            ]
        )

    @api.model
    def _delay_joins(self, partner, company, segment):
        """LEFT JOINs of ``score``, ``segment_median`` and ``company_median`` for the
        SQL expressions ``partner``, ``company`` (ids) and ``segment`` (id or NULL)."""
        return SQL(
            """
            LEFT JOIN credit_payment_score score
                   ON score.partner_id = %(partner)s AND score.company_id = %(company)s
            LEFT JOIN credit_payment_median segment_median
                   ON segment_median.company_id = %(company)s
                  AND segment_median.credit_risk_segment_id = %(segment)s
            LEFT JOIN credit_payment_median company_median
                   ON company_median.company_id = %(company)s
                  AND company_median.credit_risk_segment_id IS NULL
            """,
            partner=partner,
            company=company,
            segment=segment,
        )

    @api.model
    def _delay_expression(self, amount):
        """Predicted days late of an invoice of total ``amount`` (company currency):
        its customer's median for invoices of that size, else for all its invoices,
        else its segment's, else the company's; 0 without history (needs the joins
        of ``_delay_joins``)."""
        classes = self._size_conditions(SQL("ABS(%s)", amount))
        size_cases = [
            SQL(
                "WHEN %s AND score.%s >= %s THEN score.%s",
                condition,
                SQL.identifier(f"count_{size}"),
                MIN_INVOICES,
                SQL.identifier(f"median_days_{size}"),
            )
            for size, condition in classes.items()
        ]
        return SQL(
            """
            ROUND(CASE %(sizes)s
                  WHEN score.paid_count >= %(minimum)s THEN score.median_days_late
                  WHEN segment_median.invoice_count >= %(minimum)s
                       THEN segment_median.median_days_late
                  WHEN company_median.invoice_count >= %(minimum)s
                       THEN company_median.median_days_late
                  ELSE 0 END)::int
            """,
            sizes=SQL(" ").join(size_cases),
            minimum=MIN_INVOICES,
        )

    @api.model
    def _predict(self, invoices):
        """{invoice id: (predicted payment date, the basis in words)}."""
        by_customer = self.env["credit.payment.score"]._by_customer(
            invoices.commercial_partner_id, invoices.company_id
        )
        medians = self.sudo().search([("company_id", "in", invoices.company_id.ids)])
        by_segment = {(row.company_id.id, row.credit_risk_segment_id.id): row for row in medians}
        predictions = {}
        for invoice in invoices.filtered("invoice_date_due"):
            company = invoice.company_id
            customer = invoice.commercial_partner_id.with_company(company)
            days, basis = self._delay_of(
                invoice,
                by_customer.get((customer.id, company.id)),
                by_segment.get((company.id, customer.credit_risk_segment_id.id))
                if customer.credit_risk_segment_id
                else None,
                by_segment.get((company.id, False)),
            )
            predictions[invoice.id] = (invoice.invoice_date_due + timedelta(days=days), basis)
        return predictions

    def _delay_of(self, invoice, score, segment, company):
        size = self._size_of(abs(invoice.amount_total_signed))
        if score and score[f"count_{size}"] >= MIN_INVOICES:
            days, count = score[f"median_days_{size}"], score[f"count_{size}"]
            text = self.env._("Customer pays %(days)s days late (median) over %(count)s invoices of "
                     "similar size")  # fmt: skip
        elif score and score.paid_count >= MIN_INVOICES:
            days, count = score.median_days_late, score.paid_count
            text = self.env._("Customer pays %(days)s days late (median) over %(count)s invoices")
        elif segment and segment.invoice_count >= MIN_INVOICES:
            days, count = segment.median_days_late, segment.invoice_count
            text = self.env._("Customers of its risk segment pay %(days)s days late (median) over "
                     "%(count)s invoices")  # fmt: skip
        elif company and company.invoice_count >= MIN_INVOICES:
            days, count = company.median_days_late, company.invoice_count
            text = self.env._("The company's customers pay %(days)s days late (median) over %(count)s "
                     "invoices")  # fmt: skip
        else:
            return 0, self.env._("No payment history yet: the due date")
        days = round(days)
        return days, text % {"days": days, "count": count}

    @api.model
    def _size_of(self, amount):
        small, medium = SIZE_LIMITS
        return "small" if amount < small else "medium" if amount < medium else "large"
