from odoo import models
from odoo.tools import SQL


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

    def _credit_block_rules_sql(self, company, exposure):
        rules = super()._credit_block_rules_sql(company, exposure)
        if not company.credit_insurance_block:
            return rules
        limits = self.env["credit.insurance.limit"].sudo()
        insured_customers = limits.search([("company_id", "=", company.id)]).partner_id
        covered = [
            (customer_id, amount * cover)
            for customer_id, (amount, cover) in limits._insured(insured_customers, company).items()
        ] or [(0, 0.0)]
        join = SQL(
            "LEFT JOIN (VALUES %s) insured(partner_id, covered) ON insured.partner_id = commercial.id",
            SQL(", ").join(SQL("(%s, %s::numeric)", *row) for row in covered),
        )
        decimals = company.currency_id.decimal_places
        condition = SQL(
            "ROUND((%s - COALESCE(insured.covered, 0))::numeric, %s) - %s > 0",
            exposure,
            decimals,
            company.currency_id.round(company.credit_insurance_threshold),
        )
        return [*rules, (join, condition)]
