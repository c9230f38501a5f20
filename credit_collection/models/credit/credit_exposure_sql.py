"""The SQL of the credit exposure (``credit.exposure``): what it reads and how."""

# The columns the exposure query reads, flushed before it runs.
FIELDS_READ = {
    "res.partner": ["commercial_partner_id"],
    "account.move.line": [
        "partner_id", "company_id", "parent_state", "account_id", "reconciled",
        "amount_residual", "date_maturity",
    ],
    "account.move": [
        "commercial_partner_id", "company_id", "state", "move_type", "amount_total_signed",
        "credit_einvoice_status",
    ],
    "sale.order": ["partner_invoice_id", "company_id", "state", "currency_rate"],
    "sale.order.line": [
        "order_id", "display_type", "price_total", "product_uom_qty", "qty_invoiced",
    ],
}  # fmt: skip
# What is overdue on a day, of the open items: the Credit tab's figures, not the exposure's.
OVERDUE_COLUMNS = """
    SUM(line.amount_residual) FILTER (
        WHERE line.amount_residual > 0 AND line.date_maturity < %(today)s
    ) AS overdue_debit,
    SUM(line.amount_residual) FILTER (WHERE line.amount_residual < 0) AS credits,
    MIN(line.date_maturity) FILTER (
        WHERE line.amount_residual > 0 AND line.date_maturity < %(today)s
    ) AS oldest_due
"""
NO_OVERDUE_COLUMNS = (
    "NULL::numeric AS overdue_debit, NULL::numeric AS credits, NULL::date AS oldest_due"
)
# Up to this many customers, their figures are read customer by customer through the
# indexes; more, in one pass over the open items.
FEW = 2_000
# Rows of the figures of the commercial partners whose contacts meet ``%(members)s``:
# open receivables (with the overdue columns), draft invoices, confirmed orders not invoiced.
FIGURES_QUERY = """
WITH members AS (
    SELECT id, commercial_partner_id FROM res_partner WHERE %(members)s
), receivable AS (
    SELECT members.commercial_partner_id AS partner_id,
           SUM(line.amount_residual) AS receivable, %(overdue)s
      FROM account_move_line line
      JOIN members ON members.id = line.partner_id
     WHERE %(lines_of_members)s AND line.company_id = %(company)s
       AND line.parent_state = 'posted'
       AND line.account_id = ANY(%(accounts)s)
       AND NOT line.reconciled
       AND line.move_id NOT IN (  -- rejected e-invoices do not legally exist
           SELECT id FROM account_move WHERE credit_einvoice_status = 'rejected'
       )
     GROUP BY 1
), draft AS (
    SELECT move.commercial_partner_id AS partner_id,
           SUM(move.amount_total_signed) AS draft_invoices
      FROM account_move move
     WHERE move.commercial_partner_id IN (SELECT commercial_partner_id FROM members)
       AND move.company_id = %(company)s
       AND move.state = 'draft'
       AND move.move_type IN ('out_invoice', 'out_refund')
     GROUP BY 1
), confirmed AS MATERIALIZED (
    -- the confirmed orders first, then their lines: quotations just created
    -- (not yet in the planner's statistics) never multiply the members' scan
    SELECT sale.id, members.commercial_partner_id AS partner_id,
           COALESCE(NULLIF(sale.currency_rate, 0), 1) AS rate
      FROM sale_order sale
      JOIN members ON members.id = sale.partner_invoice_id
     WHERE sale.company_id = %(company)s AND sale.state = 'sale'
), orders AS (
    SELECT confirmed.partner_id,
           SUM(order_line.price_total
               * GREATEST(order_line.product_uom_qty - order_line.qty_invoiced, 0)
               / order_line.product_uom_qty / confirmed.rate) AS orders
      FROM confirmed
      JOIN sale_order_line order_line ON order_line.order_id = confirmed.id
     WHERE order_line.display_type IS NULL
       AND order_line.product_uom_qty > 0
     GROUP BY 1
)
SELECT partner_id, receivable.receivable, receivable.overdue_debit,
       receivable.credits, receivable.oldest_due,
       draft.draft_invoices, orders.orders
  FROM receivable
  FULL JOIN draft USING (partner_id)
  FULL JOIN orders USING (partner_id)
"""
