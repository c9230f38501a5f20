from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

LIVE_STATES = ("granted", "reduced")


class CreditInsuranceLimit(models.Model):
    """The limit an insurer grants on one customer, for a period."""

    _name = "credit.insurance.limit"
    _description = "Insured Credit Limit"
    _inherit = ["mail.thread"]
    _order = "date_to, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    policy_id = fields.Many2one(
        "credit.insurance.policy", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, tracking=True,
        domain="[('is_company', '=', True)]",
    )  # fmt: skip
    amount = fields.Monetary(string="Insured Limit", tracking=True)
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id
    )
    date_from = fields.Date(string="Valid From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="Valid Until", tracking=True)
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("granted", "Granted"),
            ("reduced", "Reduced"),
            ("refused", "Refused"),
        ],
        default="requested",
        required=True,
        tracking=True,
    )
    expiring = fields.Boolean(
        compute="_compute_expiring", search="_search_expiring", string="Expiring in 30 Days"
    )

    @api.constrains("date_from", "date_to", "amount")
    def _check_limit(self):
        for limit in self:
            if limit.date_to and limit.date_to < limit.date_from:
                raise ValidationError(self.env._("An insured limit ends after it starts."))
            if limit.amount < 0:
                raise ValidationError(self.env._("An insured limit cannot be negative."))

    def _compute_expiring(self):
        soon = fields.Date.context_today(self) + timedelta(days=30)
        for limit in self:
            limit.expiring = bool(
                limit.state in LIVE_STATES and limit.date_to and limit.date_to <= soon
            )

    def _search_expiring(self, operator, value):
        today = fields.Date.context_today(self)
        domain = [
            ("state", "in", LIVE_STATES),
            ("date_to", ">=", today),
            ("date_to", "<=", today + timedelta(days=30)),
        ]
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!", *domain]

    @api.model
    def _insured(self, customers, company, day=None):
        """{customer id: (insured limit in company currency, cover rate 0-1)}: the live
        limits of ``customers`` (commercial partners) in ``company`` at ``day``."""
        day = day or fields.Date.context_today(self)
        limits = self.sudo().search(
            [
                ("partner_id", "in", customers.ids),
                ("company_id", "=", company.id),
                ("state", "in", LIVE_STATES),
                ("policy_id.active", "=", True),
                ("date_from", "<=", day),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", day),
            ]
        )
        insured = {}
        for limit in limits:
            amount = limit.currency_id._convert(limit.amount, company.currency_id, company, day)
            cover = 1 - limit.policy_id.retention_percent / 100
            total, _cover = insured.get(limit.partner_id.id, (0.0, cover))
            insured[limit.partner_id.id] = (total + amount, cover)
        return insured

    @api.model
    def _uninsured(self, customers, company, exposures):
        """{customer id: exposure - insured limit x cover rate} (0 at the least)."""
        insured = self._insured(customers, company)
        result = {}
        for customer in customers:
            amount, cover = insured.get(customer.id, (0.0, 1.0))
            result[customer.id] = max(exposures.get(customer.id, 0.0) - amount * cover, 0.0)
        return result

    @api.model
    def action_over_insured_limit(self):
        """The live limits of the current company whose customer's exposure exceeds them."""
        company = self.env.company
        limits = self.search([("company_id", "=", company.id), ("state", "in", LIVE_STATES)])
        customers = limits.partner_id.with_company(company)
        insured = self._insured(customers, company)
        over = customers.filtered(
            lambda c: (
                company.currency_id.compare_amounts(
                    c.credit_exposure, insured.get(c.id, (0.0, 1.0))[0]
                )
                > 0
            )
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.credit_insurance_limit_action"
        )
        action["name"] = self.env._("Customers over their Insured Limit")
        action["domain"] = [
            ("id", "in", limits.filtered(lambda limit: limit.partner_id in over).ids)
        ]
        action["context"] = {}
        return action

    @api.model
    def _cron_threat_activities(self):
        """A to-do to declare the threat of loss to the insurer, once, for each insured
        customer with an invoice unpaid beyond the policy's notification days."""
        today = fields.Date.context_today(self)
        todo = self.env.ref("mail.mail_activity_data_todo")
        for policy in self.env["credit.insurance.policy"].sudo().search([]):
            limits = policy.limit_ids.filtered(lambda limit: limit.state in LIVE_STATES)
            late = (
                self.env["account.move"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", policy.company_id.id),
                        ("commercial_partner_id", "in", limits.partner_id.ids),
                        ("move_type", "=", "out_invoice"),
                        ("state", "=", "posted"),
                        ("payment_state", "in", ("not_paid", "partial")),
                        ("invoice_date_due", "<", today - timedelta(days=policy.notification_days)),
                    ]
                )
            )
            summary = self.env._("Declare the threat of loss to %s", policy.insurer_id.name)
            for customer in late.commercial_partner_id:
                pending = customer.activity_ids.filtered(lambda a, s=summary: a.summary == s)
                if pending:
                    continue
                user = customer.with_company(policy.company_id).credit_collector_id or (
                    customer.user_id or self.env.ref("base.user_admin")
                )
                customer.activity_schedule(
                    activity_type_id=todo.id,
                    summary=summary,
                    note=self.env._(
                        "Invoices unpaid more than %(days)s days after their due date: policy "
                        "%(policy)s asks for a declaration of threat of loss (déclaration de "
                        "menace de sinistre).",
                        days=policy.notification_days,
                        policy=policy.name,
                    ),
                    user_id=user.id,
                )
