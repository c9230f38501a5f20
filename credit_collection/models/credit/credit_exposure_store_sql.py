"""The SQL of the stored credit exposure's triggers (``credit.exposure.store``)."""

# Each trigger marks the customers whose exposure a statement may have changed: the
# partner of a posted receivable item, of a draft customer invoice or credit note, of an
# e-invoice rejected (or no longer), of a confirmed order or of its lines, and both
# commercial partners of a contact that moves.
# Statement-level with transition tables (but the updates of ROW_MARKS below): one INSERT
# per statement, whatever its row count, one row per customer and company it touched.
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
# Row triggers for the updates of invoices and contacts. Posting updates each invoice in
# statements of its own (its name, then its state, amounts, payment state) and core updates
# customers' ranks at each invoice posted: a statement trigger would copy each of those
# rows into its transition tables and run its function for every statement (0.03-0.04 ms
# each). PostgreSQL checks a row trigger's column list and WHEN condition by itself and
# runs nothing for the updates that leave the exposure alone; the function runs for the
# rows that change it (9 µs a row).
# Per table: (columns, WHEN condition, rows (partner, company) to list).
ROW_MARKS = {
    "account_move": (
        ("state", "move_type", "commercial_partner_id", "company_id", "amount_total_signed",
         "credit_einvoice_status"),
        # a draft customer invoice or credit note that changes, enters or leaves draft;
        # an e-invoice rejected (its receivable leaves the exposure), or no longer
        """'draft' IN (OLD.state, NEW.state)
           AND (OLD.move_type IN ('out_invoice', 'out_refund')
                OR NEW.move_type IN ('out_invoice', 'out_refund'))
           AND (OLD.state, OLD.move_type, OLD.commercial_partner_id, OLD.company_id,
                OLD.amount_total_signed)
               IS DISTINCT FROM (NEW.state, NEW.move_type, NEW.commercial_partner_id,
                                 NEW.company_id, NEW.amount_total_signed)
           OR (OLD.credit_einvoice_status IS NOT DISTINCT FROM 'rejected')
              <> (NEW.credit_einvoice_status IS NOT DISTINCT FROM 'rejected')""",
        "(OLD.commercial_partner_id, OLD.company_id), (NEW.commercial_partner_id, NEW.company_id)",
    ),
    "res_partner": (
        ("commercial_partner_id",),
        # a contact moving to another customer: both customers, in every company
        "OLD.commercial_partner_id IS DISTINCT FROM NEW.commercial_partner_id",
        "(OLD.commercial_partner_id, NULL::integer), (NEW.commercial_partner_id, NULL::integer)",
    ),
}  # fmt: skip
# The function and trigger of one table of ROW_MARKS.
ROW_TRIGGER = """
    CREATE OR REPLACE FUNCTION %(function)s() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO %(stale)s (partner_id, company_id)
        SELECT DISTINCT * FROM (VALUES %(marked)s) marks (partner_id, company_id)
         WHERE partner_id IS NOT NULL;
        RETURN NULL;
    END $$;
    DROP TRIGGER IF EXISTS %(trigger)s ON %(table)s;
    CREATE TRIGGER %(trigger)s AFTER UPDATE OF %(columns)s ON %(table)s
        FOR EACH ROW WHEN (%(when)s) EXECUTE FUNCTION %(function)s();
"""
