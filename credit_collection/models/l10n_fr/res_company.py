from odoo import api, fields, models


class ResCompany(models.Model):
    """French law's company settings: the fixed recovery indemnity (D441-5), the
    penalty waiver threshold, the legal mentions on invoices and letters."""

    _inherit = "res.company"

    credit_recovery_indemnity = fields.Monetary(
        string="Fixed Recovery Indemnity",
        currency_field="currency_id",
        default=40.0,
        help="Claimed per late invoice from business customers (French Commercial Code D441-5).",
    )
    # L441-10 I al. 1 (https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038414392):
    # unless the terms of sale say otherwise, payment is due 30 days after receipt of the goods
    # or performance of the service.
    credit_default_payment_days = fields.Integer(
        string="Days to Pay without Payment Term",
        default=30,
        help="Invoices to French customers posted without a payment term nor a due date set "
        "by hand fall due this many days after the delivery date (or, without one, the invoice "
        "date), the legal default of article L441-10 I. 0: due on the invoice date, as in "
        "standard Odoo. For invoices payable at once, use a payment term.",
    )
    credit_penalty_waiver_amount = fields.Monetary(
        string="Waive Penalties Below",
        currency_field="currency_id",
        help="Late-Payment Penalties: an invoice whose interest and indemnity left to invoice "
        "come to less than this is not invoiced. 0: never waived.",
    )
    credit_share_capital = fields.Monetary(
        string="Share Capital",
        currency_field="currency_id",
        help="Printed at the foot of dunning letters, as French company law asks of letters.",
    )
    credit_rcs_city = fields.Char(
        string="RCS City",
        help="City of the trade and companies register (RCS) where the company is registered: "
        "printed with its SIREN at the foot of dunning letters.",
    )
    credit_invoice_legal_mentions = fields.Boolean(
        string="Payment Mentions on Invoices",
        compute="_compute_credit_invoice_legal_mentions",
        store=True,
        readonly=False,
        help="Print on invoices to professional customers the late-payment penalty rate, the "
        "fixed recovery indemnity and the early-payment discount terms (French Commercial Code "
        "L441-9). On by default for French companies.",
    )

    @api.depends("country_id")
    def _compute_credit_invoice_legal_mentions(self):
        for company in self:
            company.credit_invoice_legal_mentions = company.country_id.code == "FR"
