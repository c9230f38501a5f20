from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ...groups import CREDIT_CONTROLLER_GROUP, CREDIT_MANAGER_GROUP, CUSTOMER_FIGURES_GROUP
from .credit_exposure import CreditFigures

SEARCH_OPERATORS = {op: op for op in ("<", "<=", ">", ">=", "=", "!=")} | {"<>": "!="}
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


class ResPartner(models.Model):
    """Credit position of customers, per company, and who may change it.

    Limit (core's ``credit_limit``), segment and hold are company-dependent:
    each company decides for itself. Exposure figures are computed on the
    commercial partner, so contacts and addresses show their company's.
    Rights are enforced in ``create``/``write`` (so they hold for imports and
    RPC too): only credit managers change the fields of
    ``_credit_manager_fields``, only controllers and managers those of
    ``_credit_controller_fields``; each concern adds its own fields to them.
    Every hold and release goes through a method here; the automatic holds
    are evaluated by ``credit.auto.hold``.
    """

    _inherit = "res.partner"

    # Company-dependent fields get no index (core would give each one): the planner opens
    # and weighs every index of res_partner in each query on contacts, which posting runs
    # several times an invoice; these fields are read per customer, seldom searched.
    credit_risk_segment_id = fields.Many2one(
        "credit.risk.segment",
        string="Risk Segment",
        company_dependent=True,
        index=False,
        tracking=True,
        domain="[('company_id', 'in', (False, current_company_id))]",
        help="Risk grade of the customer: proposes its credit limit, caps its payment terms, "
        "sets the overdue tolerated before an automatic hold.",
    )
    credit_collector_id = fields.Many2one(
        "res.users",
        string="Collector",
        company_dependent=True,
        index=False,
        tracking=True,
        domain="[('share', '=', False)]",
        help="Credit controller who calls this customer; the salesperson when empty.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_reserve_of_title = fields.Boolean(
        string="Reserve of Title",
        company_dependent=True,
        index=False,
        default=lambda self: self.env.company.credit_reserve_of_title,
        help="Goods sold to this customer remain yours until paid: the clause is printed on its "
        "invoices and dunning letters.",
    )
    credit_currency_id = fields.Many2one("res.currency", compute="_compute_credit_currency_id")
    credit_limit_amount = fields.Monetary(
        string="Credit Limit (company)",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Credit limit of the customer in this company; 0 means no limit.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_receivable_amount = fields.Monetary(
        string="Open Receivables",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Posted invoices not yet paid, less credit notes and payments not yet applied.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_overdue_amount = fields.Monetary(
        string="Overdue Amount",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Part of the open receivables past its due date, less unapplied credits.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_oldest_overdue_days = fields.Integer(
        string="Oldest Overdue (days)",
        compute="_compute_credit_figures",
        help="Days past due of the oldest overdue invoice.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_draft_invoice_amount = fields.Monetary(
        string="Draft Invoices",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_order_amount = fields.Monetary(
        string="Orders Not Invoiced",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Confirmed sales orders not yet invoiced, taxes included.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_exposure = fields.Monetary(
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        help="Open receivables + draft invoices + confirmed orders not yet invoiced.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_available = fields.Monetary(
        string="Available Credit",
        currency_field="credit_currency_id",
        compute="_compute_credit_figures",
        search="_search_credit_available",
        help="Credit limit less exposure; negative when the customer is over its limit.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_usage_percent = fields.Float(
        string="Credit Used (%)",
        compute="_compute_credit_figures",
        search="_search_credit_usage_percent",
        help="Exposure as a percentage of the credit limit.",
        groups=CUSTOMER_FIGURES_GROUP,
    )
    credit_over_limit = fields.Boolean(
        string="Over Credit Limit",
        compute="_compute_credit_figures",
        help="The exposure is above the credit limit: what salespeople see of the figures.",
    )

    def _credit_manager_fields(self):
        """Fields only a credit manager may change; each concern adds its own."""
        return {"credit_limit", "credit_risk_segment_id"}

    def _credit_controller_fields(self):
        """Fields credit controllers and managers may change; each concern adds its own."""
        return {
            "credit_collector_id", "credit_hold", "credit_hold_type", "credit_hold_reason",
            "credit_hold_user_id", "credit_hold_date",
        }  # fmt: skip

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
        self.env.cache.update(
            self,
            self._fields["credit_over_limit"],
            [
                company.currency_id.compare_amounts(available, 0) < 0
                for available in columns["credit_available"]
            ],
        )

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._credit_check_write_rights({key: val for key, val in vals.items() if val})
        return super().create(vals_list)

    def write(self, vals):
        self._credit_check_write_rights(self._credit_changed_values(vals))
        return super().write(vals)

    def _credit_changed_values(self, vals):
        """The protected values of ``vals`` that differ from what is stored."""
        protected = set(vals) & (self._credit_manager_fields() | self._credit_controller_fields())
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
        if set(vals) & self._credit_manager_fields() and not self.env.user.has_group(
            CREDIT_MANAGER_GROUP
        ):
            raise AccessError(
                self.env._(
                    "Only credit managers can change credit limits, risk segments and dunning policies."
                )
            )
        if set(vals) & self._credit_controller_fields() and not self.env.user.has_group(
            CREDIT_CONTROLLER_GROUP
        ):
            raise AccessError(
                self.env._(
                    "Only credit controllers and managers can change credit holds, collectors, insolvency "
                    "and legal recovery."
                )
            )

    def action_credit_reserved_goods(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.credit_reserved_goods_action"
        )
        action["domain"] = [("partner_id", "in", self.commercial_partner_id.ids)]
        action["context"] = {}
        return action

    def _credit_form_action(self):
        """The customer's form, opened on its Credit tab's figures."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
