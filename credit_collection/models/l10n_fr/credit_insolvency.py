from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL, format_date

# Commercial Code R622-24: claims are declared to the court officer within two months of the
# opening judgment's publication in the BODACC (https://infogreffe.fr, "Déclaration d'une
# créance au mandataire judiciaire"). L624-9: goods (reserve of title) are claimed within
# three months of that publication.
CLAIM_DECLARATION_MONTHS = 2
RESERVE_OF_TITLE_CLAIM_MONTHS = 3
REMINDER_DAYS_BEFORE = 14  # the collector's to-do falls due two weeks before each deadline


class CreditInsolvency(models.AbstractModel):
    """What insolvency proceedings of a customer call for: the collector's to-dos
    before the legal deadlines, and the claims as they stood at the opening
    judgment, for the *Declaration of Claims*. The proceedings themselves are
    recorded on the customer (``res.partner``)."""

    _name = "credit.insolvency"
    _description = "Insolvency Proceedings"

    def _schedule_deadlines(self, partners):
        """A to-do for each customer's collector before each deadline, once per deadline."""
        for partner in partners.filtered("credit_claim_deadline"):
            todos = [
                (
                    partner.credit_claim_deadline,
                    self.env._(
                        "Declare the claims on %(customer)s to the court officer by %(date)s",
                        customer=partner.name,
                        date=format_date(self.env, partner.credit_claim_deadline),
                    ),
                )
            ]
            if partner.credit_reserve_of_title:
                todos.append(
                    (
                        partner.credit_reserve_claim_deadline,
                        self.env._(
                            "Claim the goods under reserve of title from %(customer)s by %(date)s",
                            customer=partner.name,
                            date=format_date(self.env, partner.credit_reserve_claim_deadline),
                        ),
                    )
                )
            planned = set(partner.sudo().activity_ids.mapped("summary"))
            collector = partner.credit_collector_id or partner.user_id or self.env.user
            for deadline, summary in todos:
                if summary in planned:
                    continue
                partner.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=max(
                        deadline - relativedelta(days=REMINDER_DAYS_BEFORE),
                        fields.Date.context_today(self),
                    ),
                    summary=summary,
                    user_id=collector.id,
                )

    def _claims_at_judgment(self, partner, company):
        """[(invoice or credit note, amount due at the judgment date, due then)] of
        ``partner`` in ``company``, in company currency: payments and credit notes
        matched after the judgment are added back."""
        judgment = partner.credit_insolvency_judgment_date
        if not judgment:
            return []
        self.env["account.move.line"].flush_model(
            ["move_id", "account_id", "amount_residual", "parent_state", "date"]
        )
        self.env["account.partial.reconcile"].flush_model(
            ["debit_move_id", "credit_move_id", "amount", "max_date"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.move_id,
                       SUM(line.amount_residual
                           + COALESCE((SELECT SUM(partial.amount)
                                         FROM account_partial_reconcile partial
                                        WHERE partial.debit_move_id = line.id
                                          AND partial.max_date > %(judgment)s), 0)
                           - COALESCE((SELECT SUM(partial.amount)
                                         FROM account_partial_reconcile partial
                                        WHERE partial.credit_move_id = line.id
                                          AND partial.max_date > %(judgment)s), 0))
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN account_account account ON account.id = line.account_id
                 WHERE move.commercial_partner_id = %(partner)s AND move.company_id = %(company)s
                   AND move.move_type IN ('out_invoice', 'out_refund')
                   AND line.parent_state = 'posted' AND line.date <= %(judgment)s
                   AND account.account_type = 'asset_receivable'
              GROUP BY line.move_id
                """,
                judgment=judgment,
                partner=partner.id,
                company=company.id,
            )
        )
        currency = company.currency_id
        moves = self.env["account.move"].browse(move_id for move_id, _amount in rows)
        amounts = {move_id: currency.round(amount) for move_id, amount in rows}
        return [
            (move, amounts[move.id], (move.invoice_date_due or move.date) <= judgment)
            for move in moves.sorted(lambda m: (m.invoice_date_due or m.date, m.id))
            if not currency.is_zero(amounts[move.id])
        ]
