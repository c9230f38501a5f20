from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..dunning.credit_dunning_communication import REGISTERED_LETTER_DELIVERY_DAYS

PROFESSIONAL = "professional"  # L441-10 interest from the due date, and the D441-5 indemnity
AFTER_NOTICE = "after_notice"  # legal interest from the formal notice (Civil Code 1231-6)
PUBLIC = "public"  # public buyers: ECB + 8 points fixed at the start (R2192-31), and the €40


class CreditDunningPlanner(models.AbstractModel):
    """French penalties on the levels that claim them: each late invoice's
    interest (on its residual, taxes included) and the fixed recovery
    indemnity from professional customers (L441-10, D441-5); legal interest
    from the formal notice for individuals when the policy says so. Claims on
    customers in insolvency proceedings born before the judgment are not dunned:
    they are declared (L622-21)."""

    _inherit = "credit.dunning.planner"

    def _customer_fields_read(self):
        return [*super()._customer_fields_read(), "credit_insolvency",
                "credit_contractual_interest_rate", "credit_professional",
                "credit_public_buyer"]  # fmt: skip

    def _open_invoice_fields(self):
        return [*super()._open_invoice_fields(), "credit_penalty_invoice", "delivery_date",
                "invoice_date", "date"]  # fmt: skip

    def _open_invoices(self, company):
        """Without the claims on customers in insolvency proceedings born before the
        opening judgment (goods or service supplied by then, L622-24): they are
        declared, not dunned (L622-21). Those born after it are dunned as usual
        (L622-17); without a judgment date, none is."""
        invoices = super()._open_invoices(company)
        customers = invoices.commercial_partner_id.sudo()  # figures a controller may read
        customers.fetch(["credit_insolvency", "credit_insolvency_judgment_date"])
        judgments = {
            customer.id: customer.credit_insolvency_judgment_date
            for customer in customers
            if customer.credit_insolvency
        }
        if not judgments:
            return invoices
        return invoices.filtered(
            lambda invoice: (
                invoice.commercial_partner_id.id not in judgments
                or self._born_after(invoice, judgments[invoice.commercial_partner_id.id])
            )
        )

    def _born_after(self, invoice, judgment):
        supplied = invoice.delivery_date or invoice.invoice_date or invoice.date
        return bool(judgment) and supplied > judgment

    def _penalty_terms(self, customer, policy, company):
        if customer.credit_public_buyer:
            return {
                "penalties": PUBLIC,
                "contractual_rate": 0.0,
                "indemnity": company.credit_recovery_indemnity,  # D2192-35: 40 euros
            }
        if customer.credit_professional:
            penalties = PROFESSIONAL
        elif policy.individual_interest_after_notice:
            penalties = AFTER_NOTICE
        else:
            return super()._penalty_terms(customer, policy, company)
        return {
            "penalties": penalties,
            "contractual_rate": customer.credit_contractual_interest_rate,
            "indemnity": company.credit_recovery_indemnity,
        }

    def _add_penalties(self, plan, invoices, rules, *, company, run_date):
        """A communication claiming penalties claims them on each of its late invoices:
        from a professional customer, interest from the due date (on what is still
        owed, and on each part paid late up to its payment) and the indemnity;
        from an individual whose policy says so, legal interest from the formal
        notice sent for the invoice, if any.

        A customer whose penalties cannot be computed (no rate for a period) is
        planned as failed, with the reason; the others are not affected. The
        half-years without a rate of their own are noted for the run
        (``missing_rates``), from the rates read here.
        """
        notes = super()._add_penalties(plan, invoices, rules, company=company, run_date=run_date)
        late = self._late_invoices(plan, invoices)
        interest = self.env["credit.late.interest"]
        rates = interest._rates(company)
        factors = {}  # (start, contractual rate, legal, public), until: interest per unit
        for customer_id, step in plan.items():
            step.include_penalties = step.level_penalties and bool(rules[customer_id].penalties)
        notices = self._formal_notice_dates(
            [
                invoice.id
                for customer_id, step in plan.items()
                if step.include_penalties and rules[customer_id].penalties == AFTER_NOTICE
                for _step, invoice in late.get(customer_id, [])
            ]
        )
        claimed_ids = [
            invoice.id
            for customer_id, step in plan.items()
            if step.include_penalties
            for _step, invoice in late.get(customer_id, [])
        ]
        billed = self.env["account.move.line"]._credit_billed_penalties(claimed_ids)
        paid_late = interest._parts_paid_late(claimed_ids, run_date)
        for customer_id, step in plan.items():
            if not step.include_penalties:
                continue
            customer_rules = rules[customer_id]
            professional = customer_rules.penalties in (PROFESSIONAL, PUBLIC)
            public = customer_rules.penalties == PUBLIC
            try:
                for invoice_step, invoice in late.get(customer_id, []):
                    if professional:
                        key = (
                            invoice.invoice_date_due,
                            customer_rules.contractual_rate,
                            False,
                            public,
                        )
                    elif invoice.id in notices:
                        key = (notices[invoice.id], 0.0, True, False)
                    else:
                        continue  # no formal notice yet: nothing owed
                    owed = invoice_step.residual * self._factor(
                        factors, key, run_date, company=company, rates=rates
                    )
                    if professional:  # and each part paid late, up to its payment (L441-10)
                        owed += sum(
                            amount
                            * self._factor(factors, key, paid_on, company=company, rates=rates)
                            for amount, paid_on in paid_late.get(invoice.id, [])
                        )
                    invoice_step.interest = company.currency_id.round(owed)
                    invoice_step.indemnity = customer_rules.indemnity if professional else 0.0
                    self._mark_invoiced(invoice_step, billed.get(invoice.id, {}))
            except UserError as error:
                step.failure = str(error)
                for invoice_step, _invoice in late.get(customer_id, []):
                    invoice_step.interest = invoice_step.indemnity = 0.0  # nothing half-claimed
        return {**notes, "missing_rates": self._missing_rates(plan, interest, rates, run_date)}

    def _factor(self, factors, key, until, *, company, rates):
        """Interest per unit owed from ``key``'s start to ``until``, computed once."""
        if (key, until) not in factors:
            start, contractual_rate, legal, public = key
            factors[key, until] = self.env["credit.late.interest"]._interest_factor(
                start,
                until,
                company,
                contractual_rate=contractual_rate,
                rates=rates,
                legal=legal,
                public=public,
            )
        return factors[key, until]

    def _late_invoices(self, plan, invoices):
        """{customer id: [(InvoiceStep, invoice)]} of the planned invoices past due,
        penalty invoices excepted (no interest on interest: a choice, which Civil Code
        1343-2 does not impose)."""
        late = {}
        for customer_id, step in plan.items():
            for invoice_step in step.invoices:
                invoice = invoices.browse(invoice_step.move_id)
                if invoice_step.days_late > 0 and not invoice.credit_penalty_invoice:
                    late.setdefault(customer_id, []).append((invoice_step, invoice))
        return late

    def _missing_rates(self, plan, interest, rates, run_date):
        """Half-years since the oldest due date claimed whose rate is missing."""
        due_dates = [
            run_date - timedelta(days=invoice.days_late)
            for step in plan.values()
            if step.include_penalties and not step.failure
            for invoice in step.invoices
            if invoice.days_late > 0
        ]
        return interest._missing_half_years(min(due_dates), run_date, rates) if due_dates else []

    def _mark_invoiced(self, invoice_step, billed):
        """Penalties are claimed once: a letter restates the interest and indemnity
        of an invoice in all, and what penalty invoices already bill of them is
        shown as invoiced and not claimed again (those invoices are dunned instead)."""
        interest = min(billed.get("interest", 0.0), invoice_step.interest)
        indemnity = min(billed.get("indemnity", 0.0), invoice_step.indemnity)
        invoice_step.invoiced = interest + indemnity

    def _formal_notice_dates(self, invoice_ids):
        """{invoice id: date the first formal notice sent for it was received}: the date on
        its acknowledgment of receipt, or until it is entered the posting (or run) date plus
        the usual delivery time of a registered letter. A formal notice takes effect when it
        reaches the debtor (Civil Code 1231-6, 1344)."""
        if not invoice_ids:
            return {}
        self.env["credit.dunning.communication"].flush_model(
            ["state", "receipt_date", "posted_date", "run_id", "level_id"]
        )
        self.env["credit.dunning.run"].flush_model(["date"])
        self.env["credit.dunning.communication.line"].flush_model(
            ["communication_id", "move_id", "sent"]
        )
        self.env["credit.dunning.level"].flush_model(["letter_style"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.move_id,
                       MIN(COALESCE(communication.receipt_date,
                                    COALESCE(communication.posted_date, run.date) + %s))
                  FROM credit_dunning_communication_line line
                  JOIN credit_dunning_communication communication
                       ON communication.id = line.communication_id
                  JOIN credit_dunning_run run ON run.id = communication.run_id
                  JOIN credit_dunning_level level ON level.id = communication.level_id
                 WHERE line.move_id = ANY(%s) AND line.sent AND communication.state = 'sent'
                   AND level.letter_style = 'formal_notice'
              GROUP BY line.move_id
                """,
                REGISTERED_LETTER_DELIVERY_DAYS,
                invoice_ids,
            )
        )
        return {move_id: fields.Date.to_date(received) for move_id, received in rows}
