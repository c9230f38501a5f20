from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import CREDIT_CONTROLLER_GROUP, CREDIT_MANAGER_GROUP
from .credit_exposure import CreditFigures
from .credit_insolvency import CLAIM_DECLARATION_MONTHS, RESERVE_OF_TITLE_CLAIM_MONTHS

INSOLVENCY_KINDS = [
    ("safeguard", "Safeguard"),
    ("receivership", "Receivership"),
    ("liquidation", "Judicial Liquidation"),
]

SEARCH_OPERATORS = {op: op for op in ("<", "<=", ">", ">=", "=", "!=")} | {"<>": "!="}

# Fields only a credit manager may change, and those a credit controller may.
MANAGER_FIELDS = (
    "credit_limit",
    "credit_risk_segment_id",
    "credit_dunning_policy_id",
    "credit_contractual_interest_rate",
)
CREDIT_FIGURE_FIELDS = (
    "credit_limit_amount",
    "credit_receivable_amount",
    "credit_overdue_amount",
    "credit_oldest_overdue_days",
    "credit_draft_invoice_amount",
    "credit_order_amount",
    "credit_exposure",
    "credit_available",
    "credit_usage_percent",
)
CONTROLLER_FIELDS = (
    "credit_collector_id",
    "credit_insolvency",
    "credit_insolvency_kind",
    "credit_insolvency_judgment_date",
    "credit_insolvency_publication_date",
    "credit_insolvency_officer_id",
    "credit_legal_action",
    "credit_legal_action_date",
    "credit_hold",
    "credit_hold_type",
    "credit_hold_reason",
    "credit_hold_user_id",
    "credit_hold_date",
)


class ResPartner(models.Model):
    """Credit position of customers, per company, and who may change it.

    Limit (core's ``credit_limit``), segment, hold and legal recovery are
    company-dependent: each company decides for itself. Exposure figures are
    computed on the commercial partner, so contacts and addresses show their
    company's. Rights are enforced in ``create``/``write`` (so they hold for
    imports and RPC too): only credit managers change limits, segments,
    policies and rates; only controllers and managers change holds,
    collectors, insolvency and legal recovery. Every change of customer state
    (hold, release, legal recovery) goes through a method here. The
    automatic holds are evaluated by ``credit.auto.hold``.
    """

    _inherit = "res.partner"

    credit_risk_segment_id = fields.Many2one(
        "credit.risk.segment",
        string="Risk Segment",
        company_dependent=True,
        tracking=True,
        domain="[('company_id', 'in', (False, current_company_id))]",
        help="Risk grade of the customer: proposes its credit limit, caps its payment terms, "
        "sets the overdue tolerated before an automatic hold.",
    )
    credit_dunning_policy_id = fields.Many2one(
        "credit.dunning.policy",
        string="Dunning Policy",
        company_dependent=True,
        tracking=True,
        domain="[('company_id', 'in', (False, current_company_id))]",
        help="Leave empty to follow the risk segment's policy, or the company's default one.",
    )
    credit_collector_id = fields.Many2one(
        "res.users",
        string="Collector",
        company_dependent=True,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Credit controller who calls this customer; the salesperson when empty.",
    )
    credit_contractual_interest_rate = fields.Float(
        string="Contractual Interest Rate (%)",
        company_dependent=True,
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
    credit_insolvency = fields.Boolean(
        string="In Insolvency Proceedings",
        tracking=True,
        help="A customer in insolvency proceedings is no longer dunned nor charged interest or "
        "the fixed indemnity: its claims are declared to the court officer instead.",
    )
    credit_insolvency_kind = fields.Selection(INSOLVENCY_KINDS, string="Proceedings", tracking=True)
    credit_insolvency_judgment_date = fields.Date(
        string="Opening Judgment",
        tracking=True,
        help="Date of the opening judgment: the claims are declared as they stood that day, "
        "and no interest runs after it (Commercial Code L622-28).",
    )
    credit_insolvency_publication_date = fields.Date(
        string="BODACC Publication",
        tracking=True,
        help="Publication of the opening judgment in the BODACC: the deadlines run from it.",
    )
    credit_insolvency_officer_id = fields.Many2one(
        "res.partner",
        string="Court Officer",
        tracking=True,
        help="Mandataire judiciaire who receives the declaration of claims (the liquidator in a "
        "liquidation).",
    )
    credit_claim_deadline = fields.Date(
        string="Declare Claims By",
        compute="_compute_credit_insolvency_deadlines",
        help="Two months from the BODACC publication (Commercial Code R622-24).",
    )
    credit_reserve_claim_deadline = fields.Date(
        string="Claim Goods under Reserve By",
        compute="_compute_credit_insolvency_deadlines",
        help="Three months from the BODACC publication (Commercial Code L624-9), by registered "
        "letter to the administrator or liquidator.",
    )

    credit_legal_action = fields.Boolean(
        string="Legal Recovery",
        company_dependent=True,
        tracking=True,
        copy=False,
        help="The debt is handed over to legal recovery: automatic dunning stops for this "
        "customer. Set by the legal escalation level or by hand.",
    )
    credit_legal_action_date = fields.Date(
        string="Legal Recovery Since", company_dependent=True, copy=False
    )
    credit_reserve_of_title = fields.Boolean(
        string="Reserve of Title",
        company_dependent=True,
        default=lambda self: self.env.company.credit_reserve_of_title,
        help="Goods sold to this customer remain yours until paid: the clause is printed on its "
        "invoices and dunning letters.",
    )
    credit_hold = fields.Boolean(
        company_dependent=True,
        tracking=True,
        copy=False,
        help="Sales orders of a customer on credit hold cannot be confirmed without a credit "
        "manager's approval.",
    )
    credit_hold_type = fields.Selection(
        [("manual", "Manual"), ("automatic", "Automatic")],
        string="Hold Type",
        company_dependent=True,
        copy=False,
        help="Automatic holds are released by themselves once the overdue is back within the "
        "segment's tolerance; manual holds stay until someone releases them.",
    )
    credit_hold_reason = fields.Char(
        string="Hold Reason", company_dependent=True, tracking=True, copy=False
    )
    credit_hold_user_id = fields.Many2one(
        "res.users", string="Held By", company_dependent=True, copy=False
    )
    credit_hold_date = fields.Datetime(string="Held Since", company_dependent=True, copy=False)

    credit_currency_id = fields.Many2one("res.currency", compute="_compute_credit_currency_id")
    credit_limit_amount = fields.Monetary(
        string="Credit Limit (company)",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Credit limit of the customer in this company; 0 means no limit.",
    )
    credit_receivable_amount = fields.Monetary(
        string="Open Receivables",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Posted invoices not yet paid, less credit notes and payments not yet applied.",
    )
    credit_overdue_amount = fields.Monetary(
        string="Overdue Amount",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Part of the open receivables past its due date, less unapplied credits.",
    )
    credit_oldest_overdue_days = fields.Integer(
        string="Oldest Overdue (days)",
        compute="_compute_credit_figures",
        help="Days past due of the oldest overdue invoice.",
    )
    credit_draft_invoice_amount = fields.Monetary(
        string="Draft Invoices",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
    )
    credit_order_amount = fields.Monetary(
        string="Orders Not Invoiced",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Confirmed sales orders not yet invoiced, taxes included.",
    )
    credit_exposure = fields.Monetary(
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Open receivables + draft invoices + confirmed orders not yet invoiced.",
    )
    credit_available = fields.Monetary(
        string="Available Credit",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        search="_search_credit_available",
        help="Credit limit less exposure; negative when the customer is over its limit.",
    )
    credit_usage_percent = fields.Float(
        string="Credit Used (%)",
        compute="_compute_credit_figures",
        search="_search_credit_usage_percent",
        help="Exposure as a percentage of the credit limit.",
    )
    credit_payment_term_warning = fields.Char(compute="_compute_credit_payment_term_warning")
    credit_dispute_ids = fields.One2many("credit.dispute", "partner_id", string="Disputes")
    credit_promise_ids = fields.One2many("credit.promise", "partner_id", string="Promises to Pay")
    credit_call_ids = fields.One2many("credit.call", "partner_id", string="Calls")
    credit_payment_plan_ids = fields.One2many(
        "credit.payment.plan", "partner_id", string="Payment Plans"
    )
    credit_promise_kept_rate = fields.Float(
        string="Promises Kept (%)",
        compute="_compute_credit_promise_kept_rate",
        help="Promises kept / promises due (kept or broken) in this company, x 100.",
    )
    credit_score = fields.Integer(
        string="Payment Score",
        compute="_compute_credit_score",
        help="0-100 from how the customer paid over the last months (nightly); see why below.",
    )
    credit_score_explanation = fields.Text(
        string="Score Explanation", compute="_compute_credit_score"
    )
    credit_score_enough_history = fields.Boolean(compute="_compute_credit_score")
    credit_insured_limit = fields.Monetary(
        string="Insured Limit",
        currency_field="credit_currency_id",
        compute="_compute_credit_insurance",
        help="Live insured limits of the customer in this company, in company currency.",
    )
    credit_uninsured_exposure = fields.Monetary(
        string="Uninsured Exposure",
        currency_field="credit_currency_id",
        compute="_compute_credit_insurance",
        help="Exposure - insured limit x the policy's cover rate (100 % - retention).",
    )
    credit_concentration_warning = fields.Char(compute="_compute_credit_insurance")
    credit_promise_kept_summary = fields.Char(
        string="Promises Kept", compute="_compute_credit_promise_kept_rate"
    )

    @api.depends("is_company", "vat", "company_registry")
    def _compute_credit_professional(self):
        for partner in self:
            partner.credit_professional = bool(
                partner.is_company or partner.vat or partner.company_registry
            )

    @api.depends_context("company")
    def _compute_credit_promise_kept_rate(self):
        counts = self.env["credit.promise"]._kept_counts(self.commercial_partner_id)
        for partner in self:
            kept, due = counts.get(partner.commercial_partner_id.id, (0, 0))
            partner.credit_promise_kept_rate = 100.0 * kept / due if due else 0.0
            partner.credit_promise_kept_summary = (
                self.env._("%(kept)s of %(due)s kept", kept=kept, due=due) if due else ""
            )

    @api.depends_context("company", "lang")
    def _compute_credit_score(self):
        by_customer = self.env["credit.payment.score"]._by_customer(
            self.commercial_partner_id, self.env.company
        )
        for partner in self:
            row = by_customer.get((partner.commercial_partner_id.id, self.env.company.id))
            partner.credit_score = row.score if row else 0
            partner.credit_score_enough_history = bool(row and row.enough_history)
            partner.credit_score_explanation = row.explanation if row else False

    @api.depends_context("company")
    def _compute_credit_insurance(self):
        company = self.env.company
        customers = self.commercial_partner_id.with_company(company)
        insured = self.env["credit.insurance.limit"]._insured(customers, company)
        shares = self.env["credit.concentration"]._shares(customers, company)
        threshold = company.credit_concentration_threshold
        for partner in self:
            customer = partner.commercial_partner_id.with_company(company)
            amount, cover = insured.get(customer.id, (0.0, 1.0))
            partner.credit_insured_limit = amount
            partner.credit_uninsured_exposure = (
                max(customer.credit_exposure - amount * cover, 0.0) if amount else 0.0
            )
            share = shares.get(customer.id, 0.0)
            partner.credit_concentration_warning = (
                self.env._(
                    "%(share)s %% of the company's receivables: above the %(threshold)s %% "
                    "concentration threshold.",
                    share=format(share, ".1f"),
                    threshold=format(threshold, "g"),
                )
                if threshold and share > threshold
                else False
            )

    def action_credit_update_score(self):
        self.env["credit.score.engine"].sudo()._compute_company(
            self.env.company, partners=self.commercial_partner_id
        )

    def action_credit_log_call(self):
        return self.env["credit.call"]._action_log(self.commercial_partner_id)

    @api.depends_context("company")
    def _compute_credit_currency_id(self):
        self.credit_currency_id = self.env.company.currency_id

    @api.depends_context("company")
    def _compute_credit_figures(self):
        company = self.env.company
        # Read the two columns needed, not every column of every partner.
        self.browse(pid for pid in self._ids if isinstance(pid, int)).fetch(
            ["commercial_partner_id"]
        )
        commercial = self.commercial_partner_id
        # The limit's field is restricted to accounting users; salespeople may read it here.
        commercial._origin.sudo().fetch(["credit_limit"])
        # A partner being created in a form has no figures yet.
        figures = self.env["credit.exposure"]._figures(commercial._origin, company)
        columns = {name: [] for name in CREDIT_FIGURE_FIELDS}
        for partner in self:
            customer = partner.commercial_partner_id
            figure = figures.get(customer._origin.id) or CreditFigures()
            limit = customer.sudo().credit_limit
            for name, value in zip(
                CREDIT_FIGURE_FIELDS, self._credit_figure_values(figure, limit), strict=True
            ):
                columns[name].append(value)
        # Thousands of customers times nine fields: fill the cache in one go per field.
        for name, values in columns.items():
            self.env.cache.update(self, self._fields[name], values)

    def _search_credit_available(self, operator, value):
        return self._credit_search_figure("available", operator, value)

    def _search_credit_usage_percent(self, operator, value):
        return self._credit_search_figure("usage_percent", operator, value)

    def _credit_search_figure(self, figure, operator, value):
        if operator not in SEARCH_OPERATORS or isinstance(value, bool):
            raise UserError(
                self.env._("Credit figures can only be compared with a number (<, <=, =, >=, >).")
            )
        query = self.env["credit.exposure"]._partners_by_figure_query(
            self.env.company, figure, SEARCH_OPERATORS[operator], value or 0.0
        )
        # The ids, not the sub-query: under a list's ORDER BY ... LIMIT, PostgreSQL may
        # otherwise run the exposure aggregate once per partner it orders.
        return [("id", "in", [partner_id for (partner_id,) in self.env.execute_query(query)])]

    @staticmethod
    def _credit_figure_values(figure, limit):
        """Values of CREDIT_FIGURE_FIELDS, in that order."""
        return (
            limit,
            figure.receivable,
            figure.overdue,
            figure.oldest_overdue_days,
            figure.draft_invoices,
            figure.orders,
            figure.exposure,
            limit - figure.exposure if limit else 0.0,
            100.0 * figure.exposure / limit if limit else 0.0,
        )

    @api.depends_context("company")
    @api.depends("property_payment_term_id", "credit_risk_segment_id", "country_id")
    def _compute_credit_payment_term_warning(self):
        for partner in self:
            partner.credit_payment_term_warning = partner._credit_payment_term_issue() or False

    def _credit_payment_term_issue(self):
        """Why the customer's payment term is too long, or None."""
        self.ensure_one()
        term = self.property_payment_term_id
        if not term:
            return None
        max_days = self.credit_risk_segment_id.max_payment_term_days
        if max_days and term._credit_longest_delay() > max_days:
            return self.env._(
                "Payment term %(term)s can run up to %(days)s days, longer than the %(max)s days "
                "allowed in segment %(segment)s.",
                term=term.name,
                days=term._credit_longest_delay(),
                max=max_days,
                segment=self.credit_risk_segment_id.display_name,
            )
        if self.country_id.code == "FR" and not term._credit_within_french_cap():
            return self.env._(
                "Payment term %(term)s exceeds the French legal maximum (article L441-10 of the "
                "Commercial Code): 60 days from the invoice date or 45 days end of month.",
                term=term.name,
            )
        return None

    @api.onchange("credit_risk_segment_id")
    def _onchange_credit_risk_segment_id(self):
        segment = self.credit_risk_segment_id
        if segment.default_credit_limit:
            self.credit_limit = segment.default_credit_limit
            self.use_partner_credit_limit = True
        return self._credit_payment_term_warning_popup()

    @api.onchange("credit_limit")
    def _onchange_credit_limit_use_partner_limit(self):
        # Core resets a limit that is not marked as the partner's own when saving.
        if self.credit_limit:
            self.use_partner_credit_limit = True

    @api.onchange("property_payment_term_id", "country_id")
    def _onchange_credit_payment_term(self):
        return self._credit_payment_term_warning_popup()

    def _credit_payment_term_warning_popup(self):
        issue = self._credit_payment_term_issue()
        if issue:
            return {"warning": {"title": self.env._("Payment term too long"), "message": issue}}
        return None

    # Protection of limits, segments and holds

    @api.depends("credit_insolvency", "credit_insolvency_publication_date")
    def _compute_credit_insolvency_deadlines(self):
        for partner in self:
            published = partner.credit_insolvency and partner.credit_insolvency_publication_date
            partner.credit_claim_deadline = published and published + relativedelta(
                months=CLAIM_DECLARATION_MONTHS
            )
            partner.credit_reserve_claim_deadline = published and published + relativedelta(
                months=RESERVE_OF_TITLE_CLAIM_MONTHS
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._credit_check_write_rights({key: val for key, val in vals.items() if val})
        return super().create(vals_list)

    def write(self, vals):
        self._credit_check_write_rights(self._credit_changed_values(vals))
        result = super().write(vals)
        if {"credit_insolvency", "credit_insolvency_publication_date"} & set(vals):
            self.env["credit.insolvency"]._schedule_deadlines(self)
        return result

    def _credit_changed_values(self, vals):
        """The protected values of ``vals`` that differ from what is stored."""
        protected = [key for key in MANAGER_FIELDS + CONTROLLER_FIELDS if key in vals]
        if not protected or self.env.su:
            return {}
        changed = {}
        for partner in self.sudo():
            for key in protected:
                current = partner[key]
                current = current.id if isinstance(current, models.BaseModel) else current
                if (current or False) != (vals[key] or False):
                    changed[key] = vals[key]
        return changed

    def _credit_check_write_rights(self, vals):
        if self.env.su:
            return
        if any(key in vals for key in MANAGER_FIELDS) and not self.env.user.has_group(
            CREDIT_MANAGER_GROUP
        ):
            raise AccessError(
                self.env._(
                    "Only credit managers can change credit limits, risk segments and dunning policies."
                )
            )
        if any(key in vals for key in CONTROLLER_FIELDS) and not self.env.user.has_group(
            CREDIT_CONTROLLER_GROUP
        ):
            raise AccessError(
                self.env._(
                    "Only credit controllers and managers can change credit holds, collectors, insolvency "
                    "and legal recovery."
                )
            )

    def action_credit_declaration_of_claims(self):
        self.ensure_one()
        return self.env.ref("credit_collection.action_report_declaration_of_claims").report_action(
            self
        )

    def action_credit_reserved_goods(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.credit_reserved_goods_action"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {}
        return action

    # Holds

    def action_credit_hold(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.res_partner_credit_hold_action"
        )
        action["context"] = {"default_partner_ids": self.commercial_partner_id.ids}
        return action

    def action_credit_release(self):
        self.commercial_partner_id.filtered("credit_hold")._credit_release()

    def _credit_put_on_hold(self, reason, hold_type="manual"):
        if not reason:
            raise UserError(self.env._("Give the reason for the credit hold."))
        self._credit_check_write_rights({"credit_hold": True})
        # Controllers may hold customers without the right to edit contacts.
        self.sudo().write(
            {
                "credit_hold": True,
                "credit_hold_type": hold_type,
                "credit_hold_reason": reason,
                "credit_hold_user_id": self.env.user.id,
                "credit_hold_date": fields.Datetime.now(),
            }
        )

    def _credit_release(self):
        self._credit_check_write_rights({"credit_hold": False})
        self.sudo().write(
            {
                "credit_hold": False,
                "credit_hold_type": False,
                "credit_hold_reason": False,
                "credit_hold_user_id": False,
                "credit_hold_date": False,
            }
        )

    @api.onchange("credit_legal_action")
    def _onchange_credit_legal_action(self):
        if self.credit_legal_action and not self.credit_legal_action_date:
            self.credit_legal_action_date = fields.Date.context_today(self)

    def _credit_hold_message(self):
        """The hold and its reason, as shown on the customer's quotations and invoices."""
        self.ensure_one()
        return self.env._(
            "%(customer)s is on credit hold: %(reason)s",
            customer=self.name,
            reason=self.credit_hold_reason or "",
        )

    @api.model
    def _cron_credit_update_holds(self):
        self.env["credit.auto.hold"]._update_all_companies()

    def _credit_update_auto_holds(self, company, release_only=True):
        """Hold or release these commercial partners in ``company`` by their segment's
        tolerance (see ``credit.auto.hold``)."""
        self.env["credit.auto.hold"]._update(self, company, release_only=release_only)

    def _credit_dunning_policy(self, default=None):
        """The dunning policy this customer follows in the current company;
        pass the company's ``default`` policy when asking for many customers."""
        self.ensure_one()
        return (
            self.credit_dunning_policy_id
            or self.credit_risk_segment_id.dunning_policy_id
            or default
            or self.env["credit.dunning.policy"]._default_for(self.env.company)
        )

    def _credit_form_action(self):
        """The customer's form, opened on its Credit tab's figures."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
