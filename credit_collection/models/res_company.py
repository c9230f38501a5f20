from odoo import api, fields, models

from ..groups import CREDIT_MANAGER_GROUP
from .credit_score_engine import FACTORS as SCORE_FACTORS

SCORE_WEIGHT_HELP = "The most points this factor takes off the payment score of 100."


class ResCompany(models.Model):
    """Each company's credit settings (Invoicing > Settings > Credit & Collections).

    Whether quotations over the credit limit are refused, how long a credit approval stays valid, the fixed recovery indemnity
    claimed from late business customers, the reserve-of-title clause and its
    default for new customers, and whether invoices of customers on hold may
    be posted.
    """

    _inherit = "res.company"

    credit_approval_validity_days = fields.Integer(
        string="Credit Approval Validity (days)",
        default=7,
        help="Days a credit manager's approval of a blocked order stays valid.",
    )
    credit_recovery_indemnity = fields.Monetary(
        string="Fixed Recovery Indemnity",
        currency_field="currency_id",
        default=40.0,
        help="Claimed per late invoice from business customers (French Commercial Code D441-5).",
    )
    credit_penalty_waiver_amount = fields.Monetary(
        string="Waive Penalties Below",
        currency_field="currency_id",
        help="Late-Payment Penalties: an invoice whose interest and indemnity left to invoice "
        "come to less than this is not invoiced. 0: never waived.",
    )
    credit_reserve_of_title = fields.Boolean(
        string="Reserve of Title",
        help="New customers get the reserve-of-title clause on their invoices and dunning letters.",
    )
    credit_reserve_of_title_clause = fields.Text(
        string="Reserve of Title Clause",
        translate=True,
        help="Printed on invoices of customers under reserve of title. Empty: the standard clause.",
    )
    credit_block_over_limit = fields.Boolean(
        string="Block Sales Orders over the Credit Limit",
        default=True,
        help="Refuse to confirm a quotation that takes its customer over the credit limit "
        "until a credit manager approves it. Off: the quotation only shows a warning, as in "
        "standard Odoo; customers on hold or to prepay stay blocked.",
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
    credit_block_invoice_on_hold = fields.Boolean(
        string="Block Invoices of Customers on Hold",
        help="Refuse to post customer invoices for customers on credit hold.",
    )

    credit_promise_grace_days = fields.Integer(
        string="Promise Grace Days",
        default=3,
        help="Days after a promised payment date before the promise counts as broken and "
        "dunning resumes.",
    )

    credit_plan_break_days = fields.Integer(
        string="Break Plans After (days)",
        default=15,
        help="An instalment still unpaid this many days after its date breaks the payment plan: "
        "the remaining balance is due and normal dunning resumes.",
    )
    credit_plan_max_instalments = fields.Integer(
        string="Instalments without Approval",
        default=6,
        help="A payment plan with more instalments needs a credit manager's approval.",
    )
    credit_plan_max_days = fields.Integer(
        string="Plan Length without Approval (days)",
        default=90,
        help="A payment plan whose last instalment is further away needs a credit manager's "
        "approval.",
    )

    credit_insurance_block = fields.Boolean(
        string="Block over the Uninsured Threshold",
        help="Refuse to confirm a quotation that takes the customer's uninsured exposure "
        "(exposure - insured limit x cover rate) above the threshold, until a credit manager "
        "approves it.",
    )
    credit_insurance_threshold = fields.Monetary(
        string="Uninsured Exposure Threshold", currency_field="currency_id"
    )
    credit_concentration_threshold = fields.Float(
        string="Concentration Warning (%)",
        default=20.0,
        help="Warn on the overview and on the customer when one customer holds more than this "
        "share of the receivables.",
    )
    credit_equity = fields.Monetary(
        string="Equity",
        currency_field="currency_id",
        help="Compared with the sum of the credit limits on the overview.",
    )
    credit_segment_auto_safer = fields.Boolean(
        string="Apply Safer Segments Automatically",
        help="When the payment score moves a customer to a safer risk segment, apply it at once "
        "(noted in its chatter); moves to a riskier segment always wait for a credit manager.",
    )
    credit_score_months = fields.Integer(
        string="Score Period (months)",
        default=12,
        help="The payment-behaviour score reads the invoices paid over this many months.",
    )
    credit_score_weight_days_late = fields.Integer(
        string="Weight: Days Late", default=30, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_late_share = fields.Integer(
        string="Weight: Share Paid Late", default=20, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_late30_share = fields.Integer(
        string="Weight: Share over 30 Days Late", default=15, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_trend = fields.Integer(
        string="Weight: Trend", default=10, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_promises = fields.Integer(
        string="Weight: Promises Broken", default=10, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_disputes = fields.Integer(
        string="Weight: Disputes", default=5, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_overdue = fields.Integer(
        string="Weight: Overdue vs Limit", default=10, help=SCORE_WEIGHT_HELP
    )
    credit_score_weight_relationship = fields.Integer(
        string="Weight: New Relationship", default=5, help=SCORE_WEIGHT_HELP
    )

    @api.depends("country_id")
    def _compute_credit_invoice_legal_mentions(self):
        for company in self:
            company.credit_invoice_legal_mentions = company.country_id.code == "FR"

    def _credit_score_weights(self):
        """{factor: the most points it takes off the score}."""
        self.ensure_one()
        return {factor: self[f"credit_score_weight_{factor}"] for factor in SCORE_FACTORS}

    def _credit_managers(self):
        """Internal users who are credit managers in this company."""
        self.ensure_one()
        return (
            self.env.ref(CREDIT_MANAGER_GROUP)
            .sudo()
            .users.filtered(lambda user: not user.share and self in user.company_ids)
        )

    def _credit_reserve_of_title_text(self):
        """The clause in the context's language: the company's own, or the standard one."""
        self.ensure_one()
        return self.credit_reserve_of_title_clause or self.env._(
            "Reserve of title: the goods remain our property until full payment of the price "
            "(articles 2367 to 2372 of the Civil Code). The buyer bears the risks of the goods "
            "from delivery."
        )

    _sql_constraints = [
        (
            "credit_approval_validity_positive",
            "CHECK (credit_approval_validity_days > 0)",
            "A credit approval must stay valid at least one day.",
        ),
        (
            "credit_promise_grace_days_positive",
            "CHECK (credit_promise_grace_days >= 0)",
            "Promise grace days cannot be negative.",
        ),
        (
            "credit_plan_limits_positive",
            "CHECK (credit_plan_break_days >= 0 AND credit_plan_max_instalments >= 0"
            " AND credit_plan_max_days >= 0)",
            "Payment plan limits cannot be negative.",
        ),
    ]
