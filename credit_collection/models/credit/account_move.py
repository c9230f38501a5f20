from odoo import api, fields, models
from odoo.exceptions import UserError

from ...groups import CREDIT_CONTROLLER_GROUP, check_group

EINVOICE_STATUSES = [
    ("submitted", "Submitted"),
    ("rejected", "Rejected"),
    ("refused", "Refused"),
    ("approved", "Approved"),
    ("partially_approved", "Partially Approved"),
    ("disputed", "Disputed"),
    ("payment_transmitted", "Payment Transmitted"),
    ("collected", "Collected"),
]


class AccountMove(models.Model):
    """Credit on customer invoices.

    Shows the customer's hold and the same over-limit figures as the sale
    check on draft invoices, optionally refuses to post invoices of customers
    on hold (company setting), and carries the reserve-of-title clause. An
    e-invoice the platform rejected does not legally exist: it is left out of
    the exposure, and of every concern built on it.
    """

    _inherit = "account.move"

    credit_usage_percent = fields.Float(related="commercial_partner_id.credit_usage_percent")
    # Not tracked here (a related field copies its target's ``tracking``): every write of
    # an invoice would read its customer's hold for the chatter.
    credit_hold = fields.Boolean(related="commercial_partner_id.credit_hold", tracking=False)
    credit_reserve_of_title_text = fields.Text(
        string="Reserve of Title Clause", compute="_compute_credit_reserve_of_title_text"
    )
    credit_einvoice_status = fields.Selection(
        EINVOICE_STATUSES,
        string="E-invoice Status",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="Lifecycle status on the e-invoicing platform, set by hand or by the platform's "
        "import. Rejected: the invoice does not legally exist, it is never dunned nor counted "
        "in the exposure. Refused or disputed: a dispute is opened.",
    )
    credit_einvoice_collect_proposed = fields.Boolean(
        string="Collected Status Proposed",
        compute="_compute_credit_einvoice_collect_proposed",
        help="Paid, and its platform status is not yet Collected.",
    )

    @api.depends_context("company")
    def _compute_partner_credit_warning(self):
        # Companies that block over the limit: the exposure's figures (which already count
        # this draft). The others: core's warning, after the hold if any.
        warning_only = self.filtered(lambda m: not m.company_id.credit_block_over_limit)
        result = super(AccountMove, warning_only)._compute_partner_credit_warning()
        (self - warning_only).partner_credit_warning = ""
        for company, moves in self._credit_warned_drafts().grouped("company_id").items():
            customers = moves.commercial_partner_id.with_company(company)
            figures = None
            for move in moves:
                customer = move.commercial_partner_id.with_company(company).sudo()
                if move in warning_only:
                    hold = customer._credit_hold_message() if customer.credit_hold else ""
                    move.partner_credit_warning = "\n".join(
                        filter(None, [hold, move.partner_credit_warning])
                    )
                    continue
                figures = figures or self.env["credit.exposure"]._figures(customers, company)
                move.partner_credit_warning = move._credit_warning(customer, figures[customer.id])
        return result

    def _credit_warned_drafts(self):
        return self.filtered(
            lambda m: (
                m.state == "draft" and m.move_type == "out_invoice" and m.commercial_partner_id
            )
        )

    def _credit_warning(self, customer, figure):
        warnings = [customer._credit_hold_message()] if customer.credit_hold else []
        over_limit = self.env["credit.exposure"]._over_limit_message(
            customer, figure, self.company_id
        )
        return "\n".join(warnings + ([over_limit] if over_limit else []))

    def _post(self, soft=True):
        self._credit_check_holds_before_posting()
        return super()._post(soft=soft)

    def _credit_check_holds_before_posting(self):
        invoices = self.filtered(
            lambda m: m.move_type == "out_invoice" and m.company_id.credit_block_invoice_on_hold
        )
        for company, moves in invoices.grouped("company_id").items():
            held = moves.commercial_partner_id.with_company(company).sudo().filtered("credit_hold")
            if held:
                raise UserError(
                    self.env._(
                        "Customer invoices cannot be posted while the customer is on credit hold "
                        "(%(company)s): %(customers)s. Ask a credit controller to release the hold.",
                        company=company.name,
                        customers=", ".join(held.mapped("name")),
                    )
                )

    @api.depends("move_type", "commercial_partner_id", "company_id")
    @api.depends_context("lang")
    def _compute_credit_reserve_of_title_text(self):
        for move in self:
            customer = move.commercial_partner_id.with_company(move.company_id)
            applies = move.move_type == "out_invoice" and customer.credit_reserve_of_title
            move.credit_reserve_of_title_text = (
                move.company_id._credit_reserve_of_title_text() if applies else False
            )

    @api.depends("payment_state", "credit_einvoice_status")
    def _compute_credit_einvoice_collect_proposed(self):
        for move in self:
            move.credit_einvoice_collect_proposed = move.payment_state in (
                "paid",
                "in_payment",
            ) and move.credit_einvoice_status not in (False, "collected", "rejected")

    def _credit_controlled_fields(self):
        """Fields that take an invoice in or out of credit control: only credit
        controllers change them (an e-invoicing platform's import writes them as
        superuser)."""
        return {"credit_einvoice_status"}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._credit_check_controlled({key for key, value in vals.items() if value})
        return super().create(vals_list)

    def write(self, vals):
        self._credit_check_controlled(set(vals))
        return super().write(vals)

    def _credit_check_controlled(self, names):
        if names & self._credit_controlled_fields():
            check_group(self.env, CREDIT_CONTROLLER_GROUP)

    def action_credit_einvoice_collected(self):
        self.write({"credit_einvoice_status": "collected"})

    def action_open_credit_partner(self):
        return self.commercial_partner_id._credit_form_action()
