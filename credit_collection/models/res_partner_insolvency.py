from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_date

# Commercial Code R622-24: claims are declared to the court officer within two months of the
# opening judgment's publication in the BODACC (https://infogreffe.fr, "Déclaration d'une
# créance au mandataire judiciaire"). L624-9: goods (reserve of title) are claimed within
# three months of that publication.
CLAIM_DECLARATION_MONTHS = 2
RESERVE_OF_TITLE_CLAIM_MONTHS = 3
REMINDER_DAYS_BEFORE = 14  # the collector's to-do falls due two weeks before each deadline

INSOLVENCY_KINDS = [
    ("safeguard", "Safeguard"),
    ("receivership", "Receivership"),
    ("liquidation", "Judicial Liquidation"),
]


class ResPartner(models.Model):
    """Insolvency proceedings of a customer: what, since when, and the deadlines
    that run from the judgment's publication. A customer in proceedings is no
    longer dunned; its claims are declared instead (*Declaration of Claims*)."""

    _inherit = "res.partner"

    credit_insolvency_kind = fields.Selection(INSOLVENCY_KINDS, string="Proceedings", tracking=True)
    credit_insolvency_judgment_date = fields.Date(
        string="Opening Judgment",
        tracking=True,
        help="Date of the opening judgment: the claims are declared as they stood that day, "
        "and no interest runs after it (Commercial Code L622-28).",
    )
    credit_insolvency_publication_date = fields.Date(
        string="BODACC Publication",
        tracking=True,
        help="Publication of the opening judgment in the BODACC: the deadlines run from it.",
    )
    credit_insolvency_officer_id = fields.Many2one(
        "res.partner",
        string="Court Officer",
        tracking=True,
        help="Mandataire judiciaire who receives the declaration of claims (the liquidator in a "
        "liquidation).",
    )
    credit_claim_deadline = fields.Date(
        string="Declare Claims By",
        compute="_compute_credit_insolvency_deadlines",
        help="Two months from the BODACC publication (Commercial Code R622-24).",
    )
    credit_reserve_claim_deadline = fields.Date(
        string="Claim Goods under Reserve By",
        compute="_compute_credit_insolvency_deadlines",
        help="Three months from the BODACC publication (Commercial Code L624-9), by registered "
        "letter to the administrator or liquidator.",
    )

    @api.depends("credit_insolvency", "credit_insolvency_publication_date")
    def _compute_credit_insolvency_deadlines(self):
        for partner in self:
            published = partner.credit_insolvency and partner.credit_insolvency_publication_date
            partner.credit_claim_deadline = published and published + relativedelta(
                months=CLAIM_DECLARATION_MONTHS
            )
            partner.credit_reserve_claim_deadline = published and published + relativedelta(
                months=RESERVE_OF_TITLE_CLAIM_MONTHS
            )

    def write(self, vals):
        result = super().write(vals)
        if {"credit_insolvency", "credit_insolvency_publication_date"} & set(vals):
            self._credit_schedule_insolvency_deadlines()
        return result

    def _credit_schedule_insolvency_deadlines(self):
        """A to-do for the collector before each deadline, once per deadline."""
        for partner in self.filtered("credit_claim_deadline"):
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

    def action_credit_declaration_of_claims(self):
        self.ensure_one()
        return self.env.ref("credit_collection.action_report_declaration_of_claims").report_action(
            self
        )

    def _credit_claims_at_judgment(self, company):
        """[(invoice or credit note, amount due at the judgment date, due then)] of this
        customer in ``company``, in company currency: payments and credit notes
        matched after the judgment are added back."""
        self.ensure_one()
        judgment = self.credit_insolvency_judgment_date
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
                partner=self.id,
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
