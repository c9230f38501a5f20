"""18.0.1.2.0: what older versions left behind is brought up to the current model.

* The shipped risk segments get their score ranges (``noupdate`` data that gained
  the fields): only where both bounds are empty, never over the user's values.
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


# Score ranges of the shipped segments (data/credit/credit_risk_segment_data.xml).
SEGMENT_SCORE_RANGES = {"a": (80, 100), "b": (60, 79), "c": (40, 59), "d": (0, 39)}


def fill_segment_score_ranges(cr):
    cr.execute(
        SQL(
            """
            UPDATE credit_risk_segment segment
               SET score_min = shipped.score_min, score_max = shipped.score_max
              FROM (VALUES %s) AS shipped(xmlid, score_min, score_max)
              JOIN ir_model_data data
                ON data.module = 'credit_collection' AND data.name = shipped.xmlid
               AND data.model = 'credit.risk.segment'
             WHERE segment.id = data.res_id
               AND segment.score_min IS NULL AND segment.score_max IS NULL
            """,
            SQL(", ").join(
                SQL("(%s, %s, %s)", f"credit_risk_segment_{code}", low, high)
                for code, (low, high) in SEGMENT_SCORE_RANGES.items()
            ),
        )
    )


def migrate(cr, version):
    fill_segment_score_ranges(cr)
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
