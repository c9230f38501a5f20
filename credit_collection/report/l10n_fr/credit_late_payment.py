from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ...models.l10n_fr.credit_late_interest import PAID_BY_JOIN, PAID_BY_PAYMENT
from ...receivable_sql import receivable_account_ids


class CreditLatePayment(models.Model):
    """Invoices paid after their due date: late-payment interest up to each payment
    and the fixed indemnity are still owed (Commercial Code L441-10, D441-5).

    One row per customer invoice of a professional customer (not in insolvency
    proceedings) with at least one payment reconciled after the due date. Each
    part paid late owes interest from the due date to its own payment date; parts
    settled by a credit note owe nothing; what penalty invoices already billed is
    deducted.
    """

    _name = "credit.late.payment"
    _description = "Late-Payment Penalties"
    _auto = False
    _rec_name = "move_id"
    _order = "last_payment_date desc, id desc"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    invoice_date_due = fields.Date(string="Due Date", readonly=True)
    last_payment_date = fields.Date(string="Paid On", readonly=True)
    days_late = fields.Integer(
        readonly=True, help="Days between the due date and the last payment."
    )
    amount_paid_late = fields.Monetary(string="Paid Late", readonly=True)
    interest_amount = fields.Monetary(
        string="Interest",
        compute="_compute_penalties",
        help="Interest on each part paid late, from the due date to its payment.",
    )
    indemnity_amount = fields.Monetary(string="Indemnity", compute="_compute_penalties")
    invoiced_amount = fields.Monetary(string="Already Invoiced", compute="_compute_penalties")
    amount_to_invoice = fields.Monetary(string="To Invoice", compute="_compute_penalties")
    rate_issue = fields.Char(compute="_compute_penalties")

    @property
    def _table_query(self):
        self.env["account.move"].flush_model(
            ["move_type", "state", "invoice_date_due", "commercial_partner_id",
             "credit_penalty_invoice", "company_id"]
        )  # fmt: skip
        self.env["account.move.line"].flush_model(["move_id", "account_id"])
        self.env["account.partial.reconcile"].flush_model(
            ["debit_move_id", "credit_move_id", "amount", "max_date"]
        )
        self.env["res.partner"].flush_model(
            ["credit_professional", "credit_public_buyer", "credit_insolvency"]
        )
        return SQL(
            """
            SELECT move.id,
                   move.id AS move_id,
                   move.company_id,
                   company.currency_id,
                   move.commercial_partner_id AS partner_id,
                   move.invoice_date_due,
                   MAX(partial.max_date) AS last_payment_date,
                   MAX(partial.max_date) - move.invoice_date_due AS days_late,
                   SUM(partial.amount) AS amount_paid_late
              FROM account_move move
              JOIN res_company company ON company.id = move.company_id
              JOIN res_partner customer ON customer.id = move.commercial_partner_id
              JOIN account_move_line line ON line.move_id = move.id AND line.account_id = ANY(%s)
              JOIN account_partial_reconcile partial ON partial.debit_move_id = line.id
              %s
             WHERE move.move_type = 'out_invoice' AND move.state = 'posted'
               AND partial.max_date > move.invoice_date_due AND %s
               AND NOT COALESCE(move.credit_penalty_invoice, false)
               AND (customer.credit_professional OR COALESCE(customer.credit_public_buyer, false))
               AND NOT COALESCE(customer.credit_insolvency, false)
          GROUP BY move.id, company.currency_id
            """,
            receivable_account_ids(self.env),
            PAID_BY_JOIN,
            PAID_BY_PAYMENT,
        )

    @api.depends("move_id")
    def _compute_penalties(self):
        parts = self.env["credit.late.interest"]._parts_paid_late(self.move_id.ids)
        billed = self.env["account.move.line"]._credit_billed_penalties(self.move_id.ids)
        interest = self.env["credit.late.interest"]
        rates = {company: interest._rates(company) for company in self.company_id}
        for row in self:
            company, currency = row.company_id, row.currency_id
            customer = row.partner_id.with_company(company)
            row.rate_issue = False
            try:
                row.interest_amount = currency.round(
                    sum(
                        amount
                        * interest._interest_factor(
                            row.invoice_date_due,
                            paid_on,
                            company,
                            contractual_rate=customer.credit_contractual_interest_rate,
                            rates=rates[company],
                            public=customer.credit_public_buyer,
                        )
                        for amount, paid_on in parts.get(row.move_id.id, [])
                    )
                )
            except UserError as error:
                row.interest_amount, row.rate_issue = 0.0, str(error)
            row.indemnity_amount = company.credit_recovery_indemnity
            already = billed.get(row.move_id.id, {})
            row.invoiced_amount = already.get("interest", 0.0) + already.get("indemnity", 0.0)
            row.amount_to_invoice = max(
                0.0,
                currency.round(row.interest_amount - already.get("interest", 0.0))
                + currency.round(row.indemnity_amount - already.get("indemnity", 0.0)),
            )

    def action_create_penalty_invoices(self):
        """One draft penalty invoice per customer and company for the selected rows,
        billing what no penalty invoice has billed yet; rows below the company's
        waiver threshold are left out."""
        to_bill = self.filtered(
            lambda row: (
                row.currency_id.compare_amounts(row.amount_to_invoice, 0.0) > 0
                and row.currency_id.compare_amounts(
                    row.amount_to_invoice, row.company_id.credit_penalty_waiver_amount
                )
                >= 0
            )
        )
        if not to_bill:
            raise UserError(
                self.env._(
                    "Nothing to invoice: the penalties of these invoices are already invoiced, "
                    "or below the amount your company waives."
                )
            )
        invoices = self.env["account.move"]
        for (company, partner), rows in to_bill.grouped(
            lambda row: (row.company_id, row.partner_id)
        ).items():
            claims = [(row.move_id, row.interest_amount, row.indemnity_amount) for row in rows]
            origin = ", ".join(rows.move_id.mapped("name"))
            invoices |= self.env["credit.penalty.invoice"]._create(company, partner, claims, origin)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "name": self.env._("Penalty Invoices"),
            "view_mode": "list,form",
            "domain": [("id", "in", invoices.ids)],
        }
