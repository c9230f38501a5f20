from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ...groups import CREDIT_CONTROLLER_GROUP, CUSTOMER_FIGURES_GROUP, check_group
from .account_payment_term_line import PAYMENT_SECTORS
from .credit_insolvency import RESERVE_OF_TITLE_CLAIM_MONTHS

INSOLVENCY_KINDS = [
    ("safeguard", "Safeguard"),
    ("receivership", "Receivership"),
    ("liquidation", "Judicial Liquidation"),
]


class ResPartner(models.Model):
    """French law on customers: professional or not (L441-10 penalties), the
    contractual interest rate, insolvency proceedings and their deadlines, the
    legal cap on payment terms."""

    _inherit = "res.partner"

    # Company-dependent fields get no index (core would give each one): the planner opens
    # and weighs every index of res_partner in each query on contacts, which posting runs
    # several times an invoice; these fields are read per customer, seldom searched.
    credit_contractual_interest_rate = fields.Float(
        string="Contractual Interest Rate (%)",
        company_dependent=True,
        index=False,
        digits=(16, 2),
        help="Late-payment rate agreed with this customer; never applied below three times the "
        "legal interest rate. Empty: the reference rate (ECB + 10 points).",
    )
    credit_professional = fields.Boolean(
        string="Professional Customer",
        compute="_compute_credit_professional",
        store=True,
        readonly=False,
        tracking=True,
        help="Late-payment interest (L441-10) and the fixed recovery indemnity (D441-5) are "
        "claimed from professional customers only. Proposed for companies and for individuals "
        "with a VAT number or a company ID (SIREN/SIRET).",
    )
    credit_public_buyer = fields.Boolean(
        string="Public Buyer",
        compute="_compute_credit_public_buyer",
        store=True,
        readonly=False,
        tracking=True,
        help="A French public entity buying under the Public Procurement Code: late-payment "
        "interest at the ECB rate of the half-year in which it starts plus 8 points, fixed for "
        "the whole delay (R2192-31), and the 40 euros indemnity (D2192-35), instead of the "
        "Commercial Code's. Proposed for French customers whose SIREN starts with 1 or 2 "
        "(the State, local authorities and public bodies).",
    )
    credit_payment_sector = fields.Selection(
        PAYMENT_SECTORS,
        string="Payment Term Sector",
        tracking=True,
        help="Sectors whose legal payment terms are shorter (article L441-11 II of the "
        "Commercial Code): the payment-term checks use their cap. Empty: 60 days or 45 days end "
        "of month (L441-10 I).",
    )
    credit_periodic_invoices = fields.Boolean(
        string="Periodic Invoices",
        tracking=True,
        help="This customer gets periodic invoices (one invoice for several deliveries of a "
        "period, CGI 289 I 3): their payment term may not exceed 45 days from the invoice date "
        "(L441-10 I).",
    )
    credit_insolvency = fields.Boolean(
        string="In Insolvency Proceedings",
        tracking=True,
        help="A customer in insolvency proceedings is no longer dunned: its claims born before "
        "the opening judgment are declared to the court officer, with the interest and the fixed "
        "indemnity accrued up to the judgment; no interest runs after it.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_insolvency_kind = fields.Selection(
        INSOLVENCY_KINDS, string="Proceedings", tracking=True, groups=CUSTOMER_FIGURES_GROUP
    )
    credit_insolvency_judgment_date = fields.Date(
        string="Opening Judgment",
        tracking=True,
        help="Date of the opening judgment: the claims are declared as they stood that day, "
        "and no interest runs after it (Commercial Code L622-28).",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_insolvency_publication_date = fields.Date(
        string="BODACC Publication",
        tracking=True,
        help="Publication of the opening judgment in the BODACC: the deadlines run from it.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_insolvency_officer_id = fields.Many2one(
        "res.partner",
        string="Court Officer",
        tracking=True,
        help="Mandataire judiciaire who receives the declaration of claims (the liquidator in a "
        "liquidation).",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_insolvency_administrator_id = fields.Many2one(
        "res.partner",
        string="Administrator",
        tracking=True,
        help="Administrateur judiciaire, when the court designated one: the claim for return of "
        "goods is sent to him, with a copy to the court officer (R624-13).",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_reserve_of_title_date = fields.Date(
        string="Reserve of Title Agreed On",
        company_dependent=True,
        index=False,
        help="When this customer accepted the reserve-of-title clause in writing (signed terms "
        "of sale or framework agreement): the declaration of claims states it (R622-23 4°); the "
        "clause binds the other creditors only if agreed by delivery at the latest (L624-16).",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_reserve_of_title_proof = fields.Char(
        string="Proof of the Clause",
        company_dependent=True,
        index=False,
        help='The document that proves the clause was agreed, e.g. "General terms of sale '
        'signed on 12 January 2024, article 9". Empty: the order confirmations and invoices '
        "printing it.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_claim_deadline = fields.Date(
        string="Declare Claims By",
        compute="_compute_credit_insolvency_deadlines",
        help="Two months from the BODACC publication (Commercial Code R622-24), four for a "
        "company outside the court's territory (metropolitan France, or the overseas department "
        "or collectivity).",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_reserve_claim_deadline = fields.Date(
        string="Claim Goods under Reserve By",
        compute="_compute_credit_insolvency_deadlines",
        help="Three months from the BODACC publication (Commercial Code L624-9), by registered "
        "letter to the administrator or liquidator.",
        groups=CUSTOMER_FIGURES_GROUP,
    )

    def _credit_manager_fields(self):
        return super()._credit_manager_fields() | {
            "credit_contractual_interest_rate",
            "credit_payment_sector",
            "credit_periodic_invoices",
        }

    def _credit_controller_fields(self):
        return super()._credit_controller_fields() | {
            "credit_public_buyer",
            "credit_insolvency",
            "credit_insolvency_kind",
            "credit_insolvency_judgment_date",
            "credit_insolvency_publication_date",
            "credit_insolvency_officer_id",
            "credit_insolvency_administrator_id",
            "credit_reserve_of_title_date",
            "credit_reserve_of_title_proof",
        }

    def write(self, vals):
        result = super().write(vals)
        if {"credit_insolvency", "credit_insolvency_publication_date"} & set(vals):
            self.env["credit.insolvency"]._schedule_deadlines(self)
        return result

    @api.depends("credit_payment_sector", "credit_periodic_invoices")
    def _compute_credit_payment_term_warning(self):
        return super()._compute_credit_payment_term_warning()

    def _credit_payment_term_issue(self):
        issue = super()._credit_payment_term_issue()
        term = self.property_payment_term_id
        if issue or not term or self.country_id.code != "FR":
            return issue
        if term._credit_within_french_cap(
            self.credit_payment_sector, self.credit_periodic_invoices
        ):
            return None
        return self.env._(
            "Payment term %(term)s exceeds the French legal maximum: %(rule)s",
            term=term.name,
            rule=self._credit_french_cap_rule(),
        )

    def _credit_french_cap_rule(self):
        """The cap that applies to this customer's invoices, in words, with its article."""
        rules = {
            "road_transport": self.env._(
                "30 days from the invoice date (road haulage, article L441-11 II of the "
                "Commercial Code)."
            ),
            "perishable_food": self.env._(
                "30 days after delivery, or after the end of the delivery's ten-day period for "
                "periodic invoices (perishable food, article L441-11 II)."
            ),
            "livestock": self.env._(
                "20 days after delivery (livestock and fresh meat, article L441-11 II)."
            ),
            "alcohol": self.env._(
                "30 days after the end of the delivery month (alcoholic beverages, article "
                "L441-11 II)."
            ),
        }
        if self.credit_payment_sector in rules:
            return rules[self.credit_payment_sector]
        if self.credit_periodic_invoices:
            return self.env._(
                "45 days from the invoice date for periodic invoices (article L441-10 I)."
            )
        return self.env._(
            "60 days from the invoice date or 45 days end of month (article L441-10 I of the "
            "Commercial Code)."
        )

    @api.depends("country_id", "company_registry")
    def _compute_credit_public_buyer(self):
        for partner in self:
            registry = (partner.company_registry or "").replace(" ", "")
            partner.credit_public_buyer = (
                partner.country_id.code == "FR"
                and registry[:1] in ("1", "2")
                and len(registry) >= 9
            )

    @api.depends("is_company", "vat", "company_registry")
    def _compute_credit_professional(self):
        for partner in self:
            partner.credit_professional = bool(
                partner.is_company or partner.vat or partner.company_registry
            )

    @api.depends_context("company")
    @api.depends("credit_insolvency", "credit_insolvency_publication_date", "country_id", "zip")
    def _compute_credit_insolvency_deadlines(self):
        insolvency = self.env["credit.insolvency"]
        for partner in self:
            published = partner.credit_insolvency and partner.credit_insolvency_publication_date
            partner.credit_claim_deadline = published and published + relativedelta(
                months=insolvency._claim_months(partner, self.env.company)
            )
            partner.credit_reserve_claim_deadline = published and published + relativedelta(
                months=RESERVE_OF_TITLE_CLAIM_MONTHS
            )

    def action_credit_claim_return_of_goods(self):
        self.ensure_one()
        check_group(self.env, CREDIT_CONTROLLER_GROUP)  # the letter lists what is unpaid
        return self.env.ref("credit_collection.action_report_claim_return_of_goods").report_action(
            self
        )

    def action_credit_declaration_of_claims(self):
        self.ensure_one()
        check_group(self.env, CREDIT_CONTROLLER_GROUP)  # the claims state internal figures
        package = self.env["credit.insolvency"]._declaration_package(self)
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{package.id}?download=true",
            "target": "self",
        }
