"""The SQL of the stored credit exposure's triggers (``credit.exposure.store``)."""

# Each trigger marks the customers whose exposure a statement may have changed: the
# partner of a posted receivable item, of a draft customer invoice or credit note, of an
# e-invoice rejected (or no longer), of a confirmed order or of its lines, and both
# commercial partners of a contact that moves.
# Statement-level with transition tables: one INSERT per statement, whatever its row count,
# one row per customer and company it touched.
# A NULL company stands for every company.
STALE_MARKS = {
    "account_move_line": """
        SELECT row.partner_id, row.company_id FROM {rows} row
          JOIN account_account account ON account.id = row.account_id
         WHERE row.partner_id IS NOT NULL AND row.parent_state = 'posted'
           AND account.account_type = 'asset_receivable'
    """,
    "account_move": """
        SELECT row.commercial_partner_id, row.company_id FROM {rows} row
         WHERE row.commercial_partner_id IS NOT NULL
           AND (row.state = 'draft' AND row.move_type IN ('out_invoice', 'out_refund')
                OR row.credit_einvoice_status = 'rejected')
    """,
    "sale_order": """
        SELECT row.partner_invoice_id, row.company_id FROM {rows} row WHERE row.state = 'sale'
    """,
    "sale_order_line": """
        SELECT sale.partner_invoice_id, sale.company_id FROM {rows} row
          JOIN sale_order sale ON sale.id = row.order_id
         WHERE sale.state = 'sale'
    """,
}  # fmt: skip
TRANSITION_TABLES = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}
MOVED_CONTACTS = """
    SELECT partner, NULL::integer FROM old_rows
      JOIN new_rows USING (id), LATERAL (VALUES (old_rows.commercial_partner_id),
                                                (new_rows.commercial_partner_id)) moved (partner)
     WHERE old_rows.commercial_partner_id IS DISTINCT FROM new_rows.commercial_partner_id
       AND partner IS NOT NULL
"""
