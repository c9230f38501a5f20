from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount, format_date
from odoo.tools.mail import plaintext2html

from ...groups import CREDIT_MANAGER_GROUP

APPROVAL_FIELDS = (
    "credit_approval_state",
    "credit_approved_amount",
    "credit_approval_reason",
    "credit_approval_user_id",
    "credit_approval_expiry",
)
APPROVAL_ACTIVITY = "credit_collection.mail_activity_type_credit_approval"


class SaleOrder(models.Model):
    """A credit manager's exception to the credit check: requested by the
    salesperson, approved for this order up to an amount until a date, or
    declined. Only credit managers write its fields."""

    _inherit = "sale.order"

    credit_approval_state = fields.Selection(
        [
            ("none", "Not Requested"),
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("declined", "Declined"),
        ],
        string="Credit Approval",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    credit_approved_amount = fields.Monetary(
        string="Approved Up To", readonly=True, copy=False, tracking=True
    )
    credit_approval_reason = fields.Text(string="Approval Reason", readonly=True, copy=False)
    credit_approval_user_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False
    )
    credit_approval_expiry = fields.Date(
        string="Approval Valid Until", readonly=True, copy=False, tracking=True
    )

    def init(self):
        # Code that does not know this module (core's tests, another module's data)
        # inserts orders without the column: they are orders without approval.
        self.env.cr.execute(
            "ALTER TABLE sale_order ALTER COLUMN credit_approval_state SET DEFAULT 'none'"
        )

    @api.model_create_multi
    def create(self, vals_list):
        if any(key in vals for vals in vals_list for key in APPROVAL_FIELDS):
            self._credit_check_manager()
        return super().create(vals_list)

    def write(self, vals):
        if any(key in vals for key in APPROVAL_FIELDS):
            self._credit_check_manager()
        return super().write(vals)

    def _credit_check_manager(self):
        if not self.env.su and not self.env.user.has_group(CREDIT_MANAGER_GROUP):
            raise AccessError(self.env._("Only credit managers can approve credit exceptions."))

    def action_credit_request_approval(self):
        self.ensure_one()
        self.check_access("write")  # the request is then written as superuser
        if not self.credit_blocked:
            raise UserError(self.env._("%s is not credit blocked.", self.name))
        if self.credit_approval_state == "requested":
            raise UserError(self.env._("Credit approval for %s is already requested.", self.name))
        self._credit_request_approval(
            self.env._("Credit approval requested.\n%s", self.credit_block_message)
        )
        return True

    def _credit_request_approval(self, note, notify=None):
        """Ask the company's credit managers (an activity each) and log ``note`` in the
        chatter, notifying the partners ``notify``. Only managers write approval fields;
        requesting is open to the salesperson and to the customer's own flows."""
        order = self.sudo()
        order.write({"credit_approval_state": "requested"})
        order._credit_post_note(note, notify)
        for manager in order.company_id._credit_managers():
            order.activity_schedule(
                APPROVAL_ACTIVITY, note=plaintext2html(note), user_id=manager.id
            )

    def _credit_post_note(self, note, notify=None):
        self.message_post(
            body=plaintext2html(note),
            partner_ids=notify.ids if notify else [],
            subtype_xmlid="mail.mt_note",
        )

    def action_credit_decide(self):
        self._credit_check_manager()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.sale_order_credit_approval_action"
        )
        action["context"] = {"default_order_id": self.id}
        return action

    def _credit_approve(self, amount, reason, validity_days):
        self._credit_check_manager()
        self.ensure_one()
        expiry = fields.Date.context_today(self) + timedelta(days=validity_days)
        self.write(
            {
                "credit_approval_state": "approved",
                "credit_approved_amount": amount,
                "credit_approval_reason": reason,
                "credit_approval_user_id": self.env.user.id,
                "credit_approval_expiry": expiry,
            }
        )
        self._credit_close_request(
            self.env._(
                "Credit approved up to %(amount)s until %(date)s: %(reason)s",
                amount=format_amount(self.env, amount, self.currency_id),
                date=format_date(self.env, expiry),
                reason=reason,
            )
        )
        self._credit_confirm_placed_order()

    def _credit_decline(self, reason):
        self._credit_check_manager()
        self.ensure_one()
        self.write(
            {
                "credit_approval_state": "declined",
                "credit_approved_amount": 0.0,
                "credit_approval_reason": reason,
                "credit_approval_user_id": self.env.user.id,
                "credit_approval_expiry": False,
            }
        )
        self._credit_close_request(self.env._("Credit approval declined: %s", reason))
        self._credit_tell_salesperson_declined(reason)

    def _credit_close_request(self, message):
        self.message_post(body=message)
        self.sudo().activity_feedback([APPROVAL_ACTIVITY], feedback=message)
