from odoo import api, fields, models

from ...groups import CUSTOMER_FIGURES_GROUP


class AccountMove(models.Model):
    """When an open invoice will likely be paid (``credit.payment.median``)."""

    _inherit = "account.move"

    credit_predicted_date = fields.Date(
        groups=CUSTOMER_FIGURES_GROUP,
        string="Predicted Payment",
        compute="_compute_credit_predicted_date",
        help="When this invoice will likely be paid, from how its customer paid before.",
    )
    credit_predicted_basis = fields.Char(
        groups=CUSTOMER_FIGURES_GROUP,
        string="Prediction Basis",
        compute="_compute_credit_predicted_date",
    )

    # Open posted invoices only, whose due date and amount rarely change: not on them,
    # which posting recomputes (see _compute_dunning_next_date).
    @api.depends("state", "payment_state", "commercial_partner_id")
    @api.depends_context("lang")
    def _compute_credit_predicted_date(self):
        open_invoices = self.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and m.payment_state in ("not_paid", "partial")
            )
        )
        predictions = self.env["credit.payment.median"]._predict(open_invoices)
        for move in self:
            move.credit_predicted_date, move.credit_predicted_basis = predictions.get(
                move.id, (False, False)
            )
