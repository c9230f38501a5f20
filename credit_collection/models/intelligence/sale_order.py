from odoo import models


class SaleOrder(models.Model):
    """Insurance's rule on confirmation: with *Block over the Uninsured Threshold*,
    a quotation taking its customer's uninsured exposure above the threshold is
    blocked until a credit manager approves it."""

    _inherit = "sale.order"

    def _credit_block_reasons(self, checks, company):
        """{order id: why} for the quotations that take their customer's uninsured
        exposure above the company's threshold (unless paid or approved)."""
        messages = super()._credit_block_reasons(checks, company)
        if not company.credit_insurance_block:  # off by default: nothing more to read
            return messages
        customers = self.env["res.partner"].browse(
            {checks[o.partner_invoice_id.id].partner_id for o in self}
        )
        insured = self.env["credit.insurance.limit"]._insured(customers, company)
        currency = company.currency_id
        for order in self:
            check = checks[order.partner_invoice_id.id]
            amount, cover = insured.get(check.partner_id, (0.0, 1.0))
            uninsured = check.exposure + order._credit_order_amount() - amount * cover
            if currency.compare_amounts(uninsured, company.credit_insurance_threshold) <= 0:
                continue
            if order.id in messages or order._credit_covered():
                continue
            messages[order.id] = self.env._(
                "This order would take the uninsured exposure of %(customer)s to %(uninsured)s, "
                "above the %(threshold)s the company accepts (insured limit %(insured)s).",
                customer=order.partner_invoice_id.commercial_partner_id.name,
                uninsured=currency.format(uninsured),
                threshold=currency.format(company.credit_insurance_threshold),
                insured=currency.format(amount),
            )
        return messages
