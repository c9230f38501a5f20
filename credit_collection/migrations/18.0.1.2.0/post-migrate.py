"""18.0.1.2.0: what older versions left behind is brought up to the current model.

* Shipped ``noupdate`` records get the fields added after them (the risk segments'
  score ranges, the first interest-rate rows' legal rate for private creditors):
  only where those fields are all empty, never over the user's values.
* Penalty invoices made by versions that did not flag them are recognised.

Before ``credit_penalty_invoice`` and the lines' ``credit_penalty_source_id`` and
``credit_penalty_kind`` existed, a communication's *Create Penalty Invoice* made a
plain customer invoice (``penalty_move_id``) with, for each invoice of the
communication, an interest line then an indemnity line (each only when not zero),
labelled "... <invoice name>". Without the flag and the links, those penalties
would be billed again and the penalty invoice itself dunned with penalties.

Set-based: two reads, one UPDATE of the moves, one UPDATE of the lines. Lines
already linked (made by a later version) are left as they are; running it twice
changes nothing.
"""

from odoo.tools import SQL


def penalty_links(cr):
    """[(line id, source invoice id, kind)] for the unlinked lines of old penalty invoices."""
    cr.execute(
        """
        SELECT comm.penalty_move_id, src.id, src.name,
               COALESCE(cl.interest_amount, 0), COALESCE(cl.indemnity_amount, 0)
          FROM credit_dunning_communication comm
          JOIN credit_dunning_communication_line cl ON cl.communication_id = comm.id
          JOIN account_move src ON src.id = cl.move_id
         WHERE comm.penalty_move_id IS NOT NULL
         ORDER BY comm.penalty_move_id, cl.id
        """
    )
    claims = cr.fetchall()
    cr.execute(
        """
        SELECT line.move_id, line.id, line.name
          FROM account_move_line line
         WHERE line.move_id IN (SELECT penalty_move_id FROM credit_dunning_communication)
           AND line.display_type = 'product' AND line.credit_penalty_source_id IS NULL
         ORDER BY line.move_id, line.sequence, line.id
        """
    )
    lines = {}
    for move_id, line_id, name in cr.fetchall():
        lines.setdefault(move_id, []).append((line_id, name or ""))
    links = []
    for move_id, source_id, source_name, interest, indemnity in claims:
        candidates = [
            line_id for line_id, name in lines.get(move_id, []) if name.endswith(" " + source_name)
        ]
        kinds = [
            kind for kind, amount in (("interest", interest), ("indemnity", indemnity)) if amount
        ]
        links.extend(
            (line_id, source_id, kind) for line_id, kind in zip(candidates, kinds, strict=False)
        )
    return links


# Values of shipped ``noupdate`` records, in fields added after them: {model: {xml id: values}}.
SHIPPED_VALUES = {
    # data/credit/credit_risk_segment_data.xml
    "credit.risk.segment": {
        "credit_risk_segment_a": {"score_min": 80, "score_max": 100},
        "credit_risk_segment_b": {"score_min": 60, "score_max": 79},
        "credit_risk_segment_c": {"score_min": 40, "score_max": 59},
        "credit_risk_segment_d": {"score_min": 0, "score_max": 39},
    },
    # data/l10n_fr/credit_interest_rate_data.xml (the two rows the first version shipped)
    "credit.interest.rate": {
        "credit_interest_rate_2025_h1": {"legal_rate_private": 7.21},
        "credit_interest_rate_2025_h2": {"legal_rate_private": 6.65},
    },
}


def fill_shipped_values(cr, model, records):
    """Give ``model``'s shipped records the values of fields added after them, where
    all those fields are still empty: a value the user set is never overwritten."""
    columns = list(next(iter(records.values())))
    cr.execute(
        SQL(
            """
            UPDATE %(table)s target
               SET %(assignments)s
              FROM (VALUES %(rows)s) AS shipped(xmlid, %(columns)s)
              JOIN ir_model_data data
                ON data.module = 'credit_collection' AND data.name = shipped.xmlid
               AND data.model = %(model)s
             WHERE target.id = data.res_id AND %(empty)s
            """,
            table=SQL.identifier(model.replace(".", "_")),
            assignments=SQL(", ").join(
                SQL("%s = shipped.%s", SQL.identifier(c), SQL.identifier(c)) for c in columns
            ),
            rows=SQL(", ").join(
                SQL("(%s, %s)", xmlid, SQL(", ").join(SQL("%s", values[c]) for c in columns))
                for xmlid, values in records.items()
            ),
            columns=SQL(", ").join(SQL.identifier(c) for c in columns),
            model=model,
            empty=SQL(" AND ").join(SQL("target.%s IS NULL", SQL.identifier(c)) for c in columns),
        )
    )


def migrate(cr, version):
    for model, records in SHIPPED_VALUES.items():
        fill_shipped_values(cr, model, records)
    cr.execute(
        """
        UPDATE account_move SET credit_penalty_invoice = true
         WHERE id IN (SELECT penalty_move_id FROM credit_dunning_communication)
           AND credit_penalty_invoice IS NOT TRUE
        """
    )
    links = penalty_links(cr)
    if not links:
        return
    cr.execute(
        SQL(
            """
            UPDATE account_move_line line
               SET credit_penalty_source_id = link.source_id,
                   credit_penalty_kind = link.kind
              FROM (VALUES %s) AS link(line_id, source_id, kind)
             WHERE line.id = link.line_id
            """,
            SQL(", ").join(SQL("(%s, %s, %s)", *link) for link in links),
        )
    )
