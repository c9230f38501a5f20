from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

RESOLUTIONS = [
    ("credit_note", "Credit Note"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn by Customer"),
]


class CreditDispute(models.Model):
    """A customer's dispute of one or more invoices.

    While it is open, the disputed amount of each invoice is left out of
    dunning (the planner reads ``_open_disputed_amounts``): the rest of the
    invoice is still dunned. It is resolved by a credit note (linked), by
    rejecting it, or because the customer withdraws it; the dispute KPIs
    count these records.
    """

    _name = "credit.dispute"
    _description = "Invoice Dispute"
    _inherit = ["credit.collection.case"]
    _order = "date_opened desc, id desc"

    line_ids = fields.One2many("credit.dispute.line", "dispute_id", string="Disputed Invoices")
    reason_id = fields.Many2one("credit.dispute.reason", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        default=lambda self: self.env.user,
        help="Who must act to resolve it, e.g. the salesperson.",
    )
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    resolution = fields.Selection(RESOLUTIONS, readonly=True, tracking=True)
    date_opened = fields.Date(
        string="Opened On", required=True, default=fields.Date.context_today, tracking=True
    )
    date_resolved = fields.Date(string="Resolved On", readonly=True, tracking=True)
    credit_note_id = fields.Many2one(
        "account.move",
        tracking=True,
        check_company=True,
        domain="[('move_type', '=', 'out_refund'), ('commercial_partner_id', '=', partner_id)]",
    )
    source = fields.Selection(
        [("user", "User"), ("portal", "Customer Portal"), ("einvoice", "E-invoicing Platform")],
        default="user",
        required=True,
        readonly=True,
    )
    note = fields.Html(string="Notes")
    days_open = fields.Integer(
        compute="_compute_days_open",
    )
    days_to_resolve = fields.Integer(
        string="Days to Resolve", readonly=True, aggregator="avg", copy=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        disputes = super().create(vals_list)
        disputes._notify_owner()
        self.env["credit.call"]._link_created(disputes, "dispute_id")
        return disputes

    @api.depends("date_opened", "date_resolved")
    def _compute_days_open(self):
        today = fields.Date.context_today(self)
        for dispute in self:
            end = dispute.date_resolved or today
            dispute.days_open = (end - dispute.date_opened).days if dispute.date_opened else 0

    @api.constrains("partner_id")
    def _check_invoices(self):
        # A line checks its own invoice and amount (credit.dispute.line); a new customer
        # must still own every invoice disputed.
        for dispute in self:
            dispute._check_customer_invoices(dispute.line_ids.move_id)

    def _notify_owner(self):
        todo = self.env.ref("mail.mail_activity_data_todo")
        for dispute in self.filtered(lambda d: d.user_id and d.user_id != self.env.user):
            dispute.sudo().activity_schedule(
                activity_type_id=todo.id,
                user_id=dispute.user_id.id,
                summary=self.env._("Resolve the dispute of %s", dispute.partner_id.display_name),
            )

    def _resolve(self, resolution):
        if any(dispute.state != "open" for dispute in self):
            raise UserError(self.env._("Only an open dispute can be resolved."))
        today = fields.Date.context_today(self)
        for dispute in self:
            dispute.write(
                {
                    "state": "resolved",
                    "resolution": resolution,
                    "date_resolved": today,
                    "days_to_resolve": (today - dispute.date_opened).days,
                }
            )
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_resolve_credit_note(self):
        missing = self.filtered(lambda d: not d.credit_note_id)
        if missing:
            raise UserError(
                self.env._("Select the credit note that settles dispute %s first.", missing[0].name)
            )
        self._resolve("credit_note")

    def action_reject(self):
        self._resolve("rejected")

    def action_withdraw(self):
        self._resolve("withdrawn")

    def action_reopen(self):
        self.write(
            {"state": "open", "resolution": False, "date_resolved": False, "days_to_resolve": 0}
        )

    @api.model
    def _create_from_portal(self, invoice, reason_id, comment):
        """The customer's dispute of ``invoice``, for its collector or salesperson."""
        self.env["credit.portal.guard"]._check(invoice)
        reason = self.env["credit.dispute.reason"].browse(reason_id or 0).exists()
        comment = (comment or "").strip()
        if not reason.active or not comment:
            raise UserError(self.env._("Give the reason of your dispute and a short explanation."))
        self._check_portal_dispute_allowed(invoice)
        customer = invoice.commercial_partner_id.with_company(invoice.company_id)
        return self.create(
            {
                "company_id": invoice.company_id.id,
                "partner_id": customer.id,
                "reason_id": reason.id,
                "user_id": (customer.credit_collector_id or invoice.invoice_user_id).id,
                "source": "portal",
                "note": plaintext2html(comment[:2000]),
                "line_ids": [Command.create({"move_id": invoice.id})],
            }
        )

    def _check_portal_dispute_allowed(self, invoice):
        """One open dispute per invoice; an answered one is discussed with a person."""
        disputes = self.search([("line_ids.move_id", "in", invoice.ids)])
        if disputes.filtered(lambda dispute: dispute.state == "open"):
            raise UserError(
                self.env._("This invoice is already disputed: we will come back to you.")
            )
        since = fields.Date.context_today(self) - timedelta(
            days=invoice.company_id.credit_portal_cooldown_days
        )
        if disputes.filtered(
            lambda d: d.resolution == "rejected" and d.date_resolved and d.date_resolved >= since
        ):
            raise UserError(
                self.env._(
                    "We answered your dispute of this invoice recently: please contact %s.",
                    self.env["credit.portal.guard"]._contact(invoice),
                )
            )

    @api.model
    def _open_disputed_amounts(self, invoice_ids):
        """{invoice id: amount disputed in open disputes, in the invoice's currency}."""
        if not invoice_ids:
            return {}
        self.env["credit.dispute.line"].flush_model(["dispute_id", "move_id", "amount_disputed"])
        self.flush_model(["state"])
        rows = self.env.execute_query(
            self.env["credit.dispute.line"]._open_amounts_query(invoice_ids)
        )
        return dict(rows)
