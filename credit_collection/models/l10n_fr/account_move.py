from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_date

from .account_payment_term_line import french_latest_due_date


class AccountMove(models.Model):
    """The payment mentions French law requires on invoices (L441-9), the due
    date's legal maximum (L441-10), and the penalty invoices that bill
    late-payment interest and indemnities."""

    _inherit = "account.move"

    credit_penalty_invoice = fields.Boolean(
        string="Penalty Invoice",
        readonly=True,
        help="Bills late-payment interest and recovery indemnities: it is dunned for its amount, "
        "never charged interest or an indemnity itself (no interest on interest: the module's "
        "choice, Civil Code 1343-2 would allow it for interest due for a full year).",
    )
    credit_legal_mentions = fields.Text(
        string="Payment Legal Mentions",
        compute="_compute_credit_legal_mentions",
        help="Printed on invoices to professional customers (Commercial Code L441-9).",
    )
    credit_due_date_warning = fields.Char(
        compute="_compute_credit_due_date_warning",
        help="The due date of an invoice to a French customer is beyond the legal maximum.",
    )

    def _post(self, soft=True):
        self._credit_apply_legal_default_due_date()
        return super()._post(soft=soft)

    def _credit_apply_legal_default_due_date(self):
        """Without a payment term (nor a later due date set by hand), an invoice to a
        French customer falls due the company's *Days to Pay without Payment Term*
        after delivery, or after its date (L441-10 I al. 1). Written by groups of
        equal due dates, before posting fixes the journal items."""
        moves = self.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and not m.invoice_payment_term_id
                and not m.credit_penalty_invoice  # due at once: its damages are already late
                and m.company_id.credit_default_payment_days > 0
                and m.commercial_partner_id.country_id.code == "FR"
            )
        )
        if not moves:
            return
        today = fields.Date.context_today(self)
        due_dates = {}
        for move in moves:
            invoice_date = move.invoice_date or today
            # Core's defaults without a term: the invoice date, or the day it was drafted.
            if move.invoice_date_due not in (False, invoice_date, today, move.date):
                continue  # a due date set by hand: agreed otherwise
            received = move.delivery_date or invoice_date
            due = received + timedelta(days=move.company_id.credit_default_payment_days)
            due_dates.setdefault(due, []).append(move.id)
        for due, move_ids in due_dates.items():
            # Only the due date and the payment-term item change: core would re-sync every
            # line of each invoice for this write (a quarter of the posting's time).
            moves = self.browse(move_ids).with_context(skip_invoice_sync=True)
            moves.invoice_date_due = due
            moves.line_ids.filtered(lambda line: line.display_type == "payment_term").write(
                {"date_maturity": due}
            )

    @api.depends(
        "move_type",
        "invoice_date",
        "invoice_date_due",
        "delivery_date",
        "commercial_partner_id.country_id",
        "commercial_partner_id.credit_payment_sector",
        "commercial_partner_id.credit_periodic_invoices",
    )
    def _compute_credit_due_date_warning(self):
        for move in self:
            move.credit_due_date_warning = move._credit_due_date_issue() or False

    def _credit_due_date_issue(self):
        """Why this invoice's due date is beyond L441-10's maximum, or None: checked on
        the invoice's own dates, whatever payment term (or none) gave them."""
        self.ensure_one()
        french = self.commercial_partner_id.country_id.code == "FR"
        if not (self.move_type == "out_invoice" and french and self.invoice_date_due):
            return None
        invoice_date = self.invoice_date or fields.Date.context_today(self)
        customer = self.commercial_partner_id
        latest = french_latest_due_date(
            invoice_date,
            sector=customer.credit_payment_sector,
            delivery_date=self.delivery_date,
            periodic=customer.credit_periodic_invoices,
        )
        if self.invoice_date_due <= latest:
            return None
        return self.env._(
            "Due date %(due)s is beyond the French legal maximum: for an invoice dated "
            "%(date)s, %(latest)s at the latest. %(rule)s",
            due=format_date(self.env, self.invoice_date_due),
            date=format_date(self.env, invoice_date),
            latest=format_date(self.env, latest),
            rule=customer._credit_french_cap_rule(),
        )

    @api.depends(
        "move_type",
        "commercial_partner_id.credit_professional",
        "commercial_partner_id.credit_public_buyer",
        "company_id.credit_invoice_legal_mentions",
        "invoice_payment_term_id",
        "invoice_date",
    )
    @api.depends_context("lang")
    def _compute_credit_legal_mentions(self):
        mentions = self.env["credit.invoice.mentions"]
        for move in self:
            applies = (
                move.move_type == "out_invoice"
                and move.company_id.credit_invoice_legal_mentions
                and (
                    move.commercial_partner_id.credit_professional
                    or move.commercial_partner_id.credit_public_buyer
                )
            )
            move.credit_legal_mentions = mentions._text(move) if applies else False
