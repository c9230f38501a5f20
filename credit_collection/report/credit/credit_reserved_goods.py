from odoo import fields, models
from odoo.tools import SQL


class CreditReservedGoods(models.Model):
    """Goods still under reserve of title: one row per product line of a customer
    invoice not fully paid, for customers under reserve of title in the invoice's
    company (Civil Code 2367; what an insolvency claim for their return lists,
    Commercial Code L624-16).

    Goods are products of type *Goods* (services and combos carry no title).
    The unpaid part of each line is the invoice's residual shared in proportion
    of the lines' totals, taxes included, in company currency.
    """

    _name = "credit.reserved.goods"
    _description = "Goods under Reserve of Title"
    _auto = False
    _rec_name = "product_id"
    _order = "invoice_date, move_id, id"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Company Currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    invoice_date = fields.Date(readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    name = fields.Char(string="Description", readonly=True)
    quantity = fields.Float(readonly=True, digits="Product Unit of Measure")
    amount_total = fields.Monetary(string="Line Total", readonly=True)
    amount_unpaid = fields.Monetary(string="Unpaid", readonly=True)

    @property
    def _table_query(self):
        self.env["account.move.line"].flush_model(
            ["move_id", "product_id", "display_type", "quantity", "price_total", "name"]
        )
        self.env["account.move"].flush_model(
            ["amount_total", "amount_residual_signed", "payment_state", "state", "move_type"]
        )
        self.env["res.partner"].flush_model(["credit_reserve_of_title", "commercial_partner_id"])
        return SQL(
            """
            SELECT line.id,
                   move.company_id,
                   company.currency_id,
                   move.commercial_partner_id AS partner_id,
                   move.id AS move_id,
                   move.invoice_date,
                   line.product_id,
                   line.name,
                   line.quantity,
                   ROUND((line.price_total * move.amount_total_signed
                          / NULLIF(move.amount_total, 0))::numeric, currency.decimal_places)
                       AS amount_total,
                   ROUND((line.price_total * move.amount_residual_signed
                          / NULLIF(move.amount_total, 0))::numeric, currency.decimal_places)
                       AS amount_unpaid
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN res_company company ON company.id = move.company_id
              JOIN res_currency currency ON currency.id = company.currency_id
              JOIN res_partner customer ON customer.id = move.commercial_partner_id
              JOIN product_product product ON product.id = line.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
             WHERE move.move_type = 'out_invoice' AND move.state = 'posted'
               AND move.payment_state IN ('not_paid', 'partial')
               AND line.display_type = 'product' AND template.type = 'consu'
               AND (customer.credit_reserve_of_title ->> move.company_id::text)::boolean
            """
        )

    def _by_customer(self, customers, company):
        """{customer id: its goods under reserve in ``company``}, in one query."""
        goods = self.search([("partner_id", "in", customers.ids), ("company_id", "=", company.id)])
        grouped = goods.grouped("partner_id")
        return {customer.id: grouped.get(customer, self.browse()) for customer in customers}
