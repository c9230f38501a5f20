from odoo import api, fields, models
from odoo.exceptions import UserError

from ...groups import CUSTOMER_FIGURES_GROUP


class ResPartner(models.Model):
    """The dunning policy a customer follows, and its hand-over to legal recovery."""

    _inherit = "res.partner"

    # Company-dependent fields get no index (core would give each one): the planner opens
    # and weighs every index of res_partner in each query on contacts, which posting runs
    # several times an invoice; these fields are read per customer, seldom searched.
    credit_dunning_policy_id = fields.Many2one(
        "credit.dunning.policy",
        string="Dunning Policy",
        company_dependent=True,
        index=False,
        tracking=True,
        domain="[('company_id', 'in', (False, current_company_id))]",
        help="Leave empty to follow the risk segment's policy, or the company's default one.",
    )
    credit_legal_action = fields.Boolean(
        string="Legal Recovery",
        company_dependent=True,
        index=False,
        tracking=True,
        copy=False,
        help="The debt is handed over to legal recovery: automatic dunning stops for this "
        "customer. Set by the legal escalation level or by hand.",
    )
    credit_legal_action_date = fields.Date(
        string="Legal Recovery Since", company_dependent=True, index=False, copy=False
    )
    credit_reminder_contact_id = fields.Many2one(
        "res.partner",
        string="Send Reminders To",
        domain="[('commercial_partner_id', '=', commercial_partner_id), ('id', '!=', id)]",
        help="The contact who receives reminders and formal notices, e.g. the accounts payable "
        "department. Empty: the customer's invoice address, else the customer itself.",
    )
    credit_reminder_cc_ids = fields.Many2many(
        "res.partner",
        "res_partner_credit_reminder_cc_rel",
        "partner_id",
        "cc_partner_id",
        string="Copy Reminders To",
        help="Contacts who receive a copy (CC) of each reminder and formal notice.",
    )

    credit_reminder_bounced = fields.Boolean(
        groups=CUSTOMER_FIGURES_GROUP,
        string="Reminder Undeliverable",
        compute="_compute_credit_reminder_bounced",
        search="_search_credit_reminder_bounced",
        help="The customer's last reminder e-mail bounced or could not be sent, and the address "
        "has not changed since: its next e-mail level goes by letter.",
    )

    def _credit_manager_fields(self):
        return super()._credit_manager_fields() | {"credit_dunning_policy_id"}

    def _credit_controller_fields(self):
        return super()._credit_controller_fields() | {
            "credit_legal_action",
            "credit_legal_action_date",
            "credit_reminder_contact_id",
            "credit_reminder_cc_ids",
        }

    @api.onchange("credit_legal_action")
    def _onchange_credit_legal_action(self):
        if self.credit_legal_action and not self.credit_legal_action_date:
            self.credit_legal_action_date = fields.Date.context_today(self)

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

    def _credit_dunned(self):
        """Whether dunning may still write to this customer (one record, read by the
        planner for many): not once the debt is handed over to legal recovery."""
        return not self.credit_legal_action

    def _credit_reminder_recipients(self):
        """{commercial partner id: (recipient, CC contacts)} of these customers'
        reminders: the contact set on the customer, else its first invoice address
        with an e-mail, else the customer itself. Contacts without an e-mail never
        receive a copy."""
        customers = self.commercial_partner_id
        invoice_addresses = self.search(
            [("parent_id", "in", customers.ids), ("type", "=", "invoice"), ("email", "!=", False)],
            order="id",
        ).grouped("parent_id")
        return {
            customer.id: (
                customer.credit_reminder_contact_id
                or invoice_addresses.get(customer, self.browse())[:1]
                or customer,
                customer.credit_reminder_cc_ids.filtered("email"),
            )
            for customer in customers
        }

    def _message_receive_bounce(self, email, partner):
        """An e-mail to this contact bounced: so did the reminders sent to it lately."""
        result = super()._message_receive_bounce(email, partner)
        self.env["credit.dunning.communication"]._credit_bounced_recipients(
            self, self.env._("The e-mail to %s bounced.", email)
        )
        return result

    @api.depends_context("company")
    def _compute_credit_reminder_bounced(self):
        communications = self.env["credit.dunning.communication"].sudo()
        bounced = communications._letter_fallback_partners(
            self.env.company, self.commercial_partner_id._origin
        )
        for partner in self:
            partner.credit_reminder_bounced = partner.commercial_partner_id.id in bounced

    def _search_credit_reminder_bounced(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Bounced reminders can only be searched as yes or no."))
        communications = self.env["credit.dunning.communication"].sudo()
        candidates = communications.search(
            [("bounced", "=", True), ("company_id", "=", self.env.company.id)]
        ).partner_id
        bounced = communications._letter_fallback_partners(self.env.company, candidates)
        positive = (operator == "=") == value
        return [("commercial_partner_id", "in" if positive else "not in", list(bounced))]
