import base64
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date
from odoo.tools.pdf import merge_pdf

# Commercial Code R622-24: claims are declared to the court officer within two months of the
# opening judgment's publication in the BODACC (https://infogreffe.fr, "Déclaration d'une
# créance au mandataire judiciaire"). L624-9: goods (reserve of title) are claimed within
# three months of that publication.
CLAIM_DECLARATION_MONTHS = 2
# R622-24 al. 2 and 3: two months more for a creditor who does not reside in the territory
# (metropolitan France, or the overseas department or collectivity) of the court that opened
# the proceedings, taken as the customer's.
FOREIGN_CREDITOR_EXTRA_MONTHS = 2
OVERSEAS_COUNTRY_CODES = {"GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC"}
RESERVE_OF_TITLE_CLAIM_MONTHS = 3
CLAIMS_REPORT = "credit_collection.action_report_declaration_of_claims"
REMINDER_DAYS_BEFORE = 14  # the collector's to-do falls due two weeks before each deadline


@dataclass
class Claim:
    """One invoice or credit note as declared: what was due at the judgment, whether it
    was then due, and the interest and indemnity accrued to the judgment."""

    move: object  # account.move
    amount: float
    due: bool
    interest: float = 0.0
    indemnity: float = 0.0

    @property
    def total(self):
        return self.amount + self.interest + self.indemnity


class CreditInsolvency(models.AbstractModel):
    """What insolvency proceedings of a customer call for: the collector's to-dos
    before the legal deadlines, and the claims as they stood at the opening
    judgment, for the *Declaration of Claims*. The proceedings themselves are
    recorded on the customer (``res.partner``)."""

    _name = "credit.insolvency"
    _description = "Insolvency Proceedings"

    def _territory(self, partner):
        """Where ``partner`` resides for R622-24: metropolitan France, an overseas
        department or collectivity (its country code, or its French postcode's first
        three digits), or its country."""
        code = partner.country_id.code or ""
        if code in OVERSEAS_COUNTRY_CODES:
            return code
        if code == "FR":
            zip_code = (partner.zip or "").strip()
            return zip_code[:3] if zip_code[:2] in ("97", "98") else "FR-metropolitan"
        return code

    def _claim_months(self, partner, company):
        """Months from the publication to declare the claims on ``partner`` (R622-24)."""
        creditor, court = self._territory(company.partner_id), self._territory(partner)
        extra = bool(creditor and court) and creditor != court  # unknown: the company's own
        return CLAIM_DECLARATION_MONTHS + (FOREIGN_CREDITOR_EXTRA_MONTHS if extra else 0)

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
        """[Claim] of ``partner`` in ``company`` at its opening judgment, in company
        currency, oldest due first.

        A claim is born before the judgment when its goods or service were supplied
        before it (L622-24): the invoice's delivery date where it has one, else its
        date. Its amount is what was due on the judgment day (payments and credit
        notes matched after it added back). A professional customer's invoice due
        before the judgment also carries the late-payment interest accrued up to
        the judgment, on what was then due and on the parts paid late before it
        (L622-28 stops interest only from the judgment), and the fixed indemnity,
        which the opening forbids only for claims not yet due (L441-10 II); what
        penalty invoices already billed is deducted."""
        judgment = partner.credit_insolvency_judgment_date
        if not judgment:
            return []
        rows = self.env.execute_query(self._claims_query(partner, company, judgment))
        currency = company.currency_id
        moves = self.env["account.move"].browse(move_id for move_id, _amount in rows)
        amounts = {move_id: currency.round(amount) for move_id, amount in rows}
        claims = [
            Claim(move, amounts[move.id], (move.invoice_date_due or move.date) <= judgment)
            for move in moves.sorted(lambda m: (m.invoice_date_due or m.date, m.id))
            if not currency.is_zero(amounts[move.id])
        ]
        if partner.credit_professional:
            self._add_accrued_penalties(claims, partner, company, judgment)
        return claims

    def _claims_query(self, partner, company, judgment):
        self.env["account.move"].flush_model(["delivery_date", "invoice_date", "move_type"])
        self.env["account.move.line"].flush_model(
            ["move_id", "account_id", "amount_residual", "parent_state", "date"]
        )
        self.env["account.partial.reconcile"].flush_model(
            ["debit_move_id", "credit_move_id", "amount", "max_date"]
        )
        return SQL(
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
               AND line.parent_state = 'posted'
               AND COALESCE(move.delivery_date, move.invoice_date, line.date) <= %(judgment)s
               AND account.account_type = 'asset_receivable'
          GROUP BY line.move_id
            """,
            judgment=judgment,
            partner=partner.id,
            company=company.id,
        )

    def _add_accrued_penalties(self, claims, partner, company, judgment):
        late = [
            claim
            for claim in claims
            if claim.due
            and claim.move.move_type == "out_invoice"
            and not claim.move.credit_penalty_invoice
            and claim.move.invoice_date_due < judgment
        ]
        if not late:
            return
        invoices = self.env["account.move"].union(*(claim.move for claim in late))
        paid_late = self.env["credit.late.interest"]._parts_paid_late(invoices.ids, judgment)
        billed = self.env["account.move.line"]._credit_billed_penalties(invoices.ids)
        interest = self.env["credit.late.interest"]
        rates = interest._rates(company)
        rate = partner.with_company(company).credit_contractual_interest_rate
        currency = company.currency_id
        for claim in late:
            due_date = claim.move.invoice_date_due
            parts = [(claim.amount, judgment), *paid_late.get(claim.move.id, [])]
            try:
                accrued = sum(
                    amount
                    * interest._interest_factor(
                        due_date, until, company, contractual_rate=rate, rates=rates
                    )
                    for amount, until in parts
                )
            except UserError:
                accrued = 0.0  # no rate for a half-year: the Interest Rates menu says which
            already = billed.get(claim.move.id, {})
            claim.interest = max(0.0, currency.round(accrued - already.get("interest", 0.0)))
            claim.indemnity = max(
                0.0,
                currency.round(company.credit_recovery_indemnity - already.get("indemnity", 0.0)),
            )

    def _declaration_package(self, partner):
        """The declaration of claims on ``partner`` followed by the supporting invoices
        it lists, in that order (R622-23: attached under a list), as one PDF attached to
        the customer and noted in its chatter. Where a part is not a PDF (reports
        rendered as HTML under tests), the parts are attached one by one."""
        letters = self.env["credit.dunning.letter"]
        claims = self._claims_at_judgment(partner, self.env.company)
        content, extension = letters._render_one(CLAIMS_REPORT, partner)
        name = self.env._("Declaration of claims - %s", partner.name)
        invoices = self.env["account.move"].union(*(claim.move for claim in claims))
        by_invoice = letters._invoice_attachments(invoices).grouped("res_id")
        supporting = self.env["ir.attachment"].union(
            *(by_invoice[invoice.id][:1] for invoice in invoices if invoice.id in by_invoice)
        )
        values = {"res_model": partner._name, "res_id": partner.id}
        if extension == "pdf" and set(supporting.mapped("mimetype")) <= {"application/pdf"}:
            pages = [content, *(attachment.raw for attachment in supporting)]
            package = self.env["ir.attachment"].create(
                {**values, "name": f"{name}.pdf", "datas": base64.b64encode(merge_pdf(pages))}
            )
            attachments = package
        else:
            package = self.env["ir.attachment"].create(
                {**values, "name": f"{name}.{extension}", "raw": content}
            )
            attachments = package | supporting
        partner.sudo().message_post(
            body=self.env._(
                "Declaration of claims prepared, with %(count)s supporting invoices.",
                count=len(invoices),
            ),
            attachment_ids=attachments.ids,
            author_id=self.env.user.partner_id.id,
        )
        return package
