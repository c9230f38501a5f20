from odoo import fields, models


class CreditPenaltyInvoice(models.AbstractModel):
    """Penalty invoices: late-payment interest and fixed recovery indemnities billed
    to a customer, each line tied to the late invoice it bills
    (``credit_penalty_source_id``), so that no penalty is ever billed twice."""

    _name = "credit.penalty.invoice"
    _description = "Penalty Invoices"

    def _create(self, company, partner, claims, origin):
        """A draft invoice to ``partner`` billing, for each ``(invoice, interest,
        indemnity)`` of ``claims``, what no penalty invoice has billed yet; an
        empty recordset when nothing is left to bill. Damages: no VAT."""
        lines = self._lines(company, partner, claims)
        moves = self.env["account.move"]
        if not lines:
            return moves
        return moves.with_company(company).create(
            {
                "move_type": "out_invoice",
                "company_id": company.id,
                "partner_id": partner.id,
                "currency_id": company.currency_id.id,
                "credit_penalty_invoice": True,
                "invoice_origin": origin,
                "invoice_line_ids": lines,
            }
        )

    def _lines(self, company, partner, claims):
        env = self.with_context(lang=partner.lang).env  # the customer's language
        currency = company.currency_id
        billed = self.env["account.move.line"]._credit_billed_penalties(
            [invoice.id for invoice, _interest, _indemnity in claims]
        )
        commands = []
        for invoice, interest, indemnity in claims:
            already = billed.get(invoice.id, {})
            for kind, claimed, label in (
                ("interest", interest, env._("Late-payment interest on %s", invoice.name)),
                ("indemnity", indemnity, env._("Fixed recovery indemnity for %s", invoice.name)),
            ):
                amount = currency.round(claimed - already.get(kind, 0.0))
                if currency.compare_amounts(amount, 0.0) > 0:
                    commands.append(
                        fields.Command.create(
                            {
                                "name": label,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                                "credit_penalty_source_id": invoice.id,
                                "credit_penalty_kind": kind,
                            }
                        )
                    )
        return commands
