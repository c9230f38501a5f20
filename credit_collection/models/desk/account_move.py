from odoo import Command, fields, models

EINVOICE_DISPUTING = ("refused", "disputed")


class AccountMove(models.Model):
    """An invoice's disputes and payment plans; a dispute opened from the invoice,
    or when the e-invoicing platform reports a refusal."""

    _inherit = "account.move"

    credit_dispute_line_ids = fields.One2many(
        "credit.dispute.line", "move_id", string="Disputes", readonly=True
    )
    credit_payment_plan_ids = fields.Many2many(
        "credit.payment.plan",
        "credit_payment_plan_move_rel",
        "move_id",
        "plan_id",
        string="Payment Plans",
        readonly=True,
        copy=False,
    )

    def write(self, vals):
        result = super().write(vals)
        if vals.get("credit_einvoice_status") in EINVOICE_DISPUTING:
            self._credit_open_einvoice_disputes()
        return result

    def _credit_open_einvoice_disputes(self):
        """A dispute for each refused or disputed e-invoice with none open."""
        disputed = self.env["credit.dispute"]._open_disputed_amounts(self.ids)
        invoices = self.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted" and m.id not in disputed
        )
        reason = self.env.ref("credit_collection.credit_dispute_reason_other")
        labels = dict(self._fields["credit_einvoice_status"]._description_selection(self.env))
        self.env["credit.dispute"].sudo().create(
            [
                {
                    "company_id": invoice.company_id.id,
                    "partner_id": invoice.commercial_partner_id.id,
                    "reason_id": reason.id,
                    "user_id": invoice.invoice_user_id.id,
                    "source": "einvoice",
                    "note": self.env._(
                        "Status %s received from the e-invoicing platform.",
                        labels[invoice.credit_einvoice_status],
                    ),
                    "line_ids": [
                        Command.create(
                            {"move_id": invoice.id, "amount_disputed": invoice.amount_residual}
                        )
                    ],
                }
                for invoice in invoices
                if invoice.currency_id.compare_amounts(invoice.amount_residual, 0) > 0
            ]
        )

    def action_credit_open_dispute(self):
        """The dispute form, for this invoice, in a dialog (salespeople included)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dispute"),
            "res_model": "credit.dispute",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": self.commercial_partner_id.id,
                "default_company_id": self.company_id.id,
                "default_user_id": self.invoice_user_id.id or self.env.user.id,
                "default_line_ids": [Command.create({"move_id": self.id})],
            },
        }
