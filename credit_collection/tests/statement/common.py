from odoo.tools import SQL

from ..common import CreditLimitTestCommon


class StatementTestCommon(CreditLimitTestCommon):
    """A customer with two and a half years of history: an invoice from 2024 never
    paid, invoices partly paid and settled by a credit note, an invoice in a foreign
    currency and a payment not applied to any invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.foreign = cls.setup_other_currency("EUR")  # 2 units to 1 of the company's
        cls.customer.lang = "en_US"
        cls.old = cls._invoice(80.0, "2024-03-31", invoice_date="2024-03-01")
        cls.first = cls._invoice(1000.0, "2026-02-09", invoice_date="2026-01-10")
        cls.second = cls._invoice(500.0, "2026-03-31", invoice_date="2026-03-01")
        refund = cls._invoice(
            200.0, "2026-03-15", invoice_date="2026-03-15", move_type="out_refund"
        )
        (cls.second | refund).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        cls.refund = refund
        cls._pay(cls.first, 300.0, payment_date="2026-04-10")
        cls.in_euros = cls._invoice(
            600.0, "2026-05-31", invoice_date="2026-05-01", currency_id=cls.foreign.id
        )
        cls.unapplied = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.customer.id,
                "amount": 150.0,
                "date": "2026-06-05",
            }
        )
        cls.unapplied.action_post()

    def _statement(self, kind, date_to, date_from=None, partner=None):
        return self.env["credit.statement"].create(
            {
                "partner_id": (partner or self.customer).id,
                "kind": kind,
                "date_from": date_from,
                "date_to": date_to,
            }
        )

    def _ledger_balance(self, date):
        """The customer's receivable balance on ``date``, summed straight from the ledger."""
        self.env.flush_all()
        [(balance,)] = self.env.execute_query(
            SQL(
                """
                SELECT COALESCE(SUM(line.balance), 0)
                  FROM account_move_line line
                  JOIN account_account account ON account.id = line.account_id
                  JOIN res_partner partner ON partner.id = line.partner_id
                 WHERE line.parent_state = 'posted'
                   AND account.account_type = 'asset_receivable'
                   AND partner.commercial_partner_id = %s
                   AND line.company_id = %s AND line.date <= %s
                """,
                self.customer.id,
                self.company.id,
                date,
            )
        )
        return balance
