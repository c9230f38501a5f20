from dataclasses import dataclass, field
from datetime import date

from odoo import fields, models


@dataclass
class InvoiceStep:
    """An invoice and the level it is due for."""

    move_id: int
    level_id: int
    days_late: int
    residual: float
    interest: float = 0.0
    indemnity: float = 0.0


@dataclass
class CustomerStep:
    """One communication: a customer, its highest due level, its invoices."""

    partner_id: int
    level_id: int
    invoices: list = field(default_factory=list)

    @property
    def total(self):
        return sum(step.residual for step in self.invoices)


class CreditDunningPlanner(models.AbstractModel):
    """Decides what a dunning run sends, without sending anything.

    For each open customer invoice of a company, the level due is the highest
    level of the customer's policy whose days after the due date are reached,
    above the level already sent for that invoice (a level is never sent
    twice, and late invoices skip the levels they missed). A level whose
    minimum amount is above what the customer owes is not due. Invoices
    excluded from dunning are left out, unless a promise to pay has expired:
    the broken promise makes the next level due at once. A customer whose
    credit notes and unapplied payments cover its invoices gets nothing.
    Invoices are grouped into one communication per customer, at the highest
    level due among them. A level claiming penalties adds each late invoice's
    interest (on its residual, taxes included) and the fixed recovery
    indemnity, except for individuals and customers in insolvency. Customers
    handed over to legal recovery get nothing more.
    """

    _name = "credit.dunning.planner"
    _description = "Dunning Planner"

    def _plan(self, company, run_date=None):
        """[CustomerStep], ordered by customer id."""
        run_date = run_date or fields.Date.context_today(self)
        invoices = self._open_invoices(company)
        if not invoices:
            return []
        customers = invoices.commercial_partner_id.with_company(company)
        owed = self.env["credit.exposure"]._figures(customers, company, run_date)
        default = self.env["credit.dunning.policy"]._default_for(company)
        policies = {customer.id: customer._credit_dunning_policy(default) for customer in customers}
        rates = self.env["credit.late.interest"]._rates(company)
        in_legal_recovery = set(customers.filtered("credit_legal_action").ids)
        plan = {}
        for invoice in invoices:
            customer_id = invoice.commercial_partner_id.id
            figure = owed[customer_id]
            if company.currency_id.compare_amounts(figure.receivable, 0.0) <= 0:
                continue  # credits cover everything the customer owes
            if customer_id in in_legal_recovery:
                continue
            level = self._level_due(invoice, policies[customer_id], figure, run_date)
            if not level:
                continue
            step = plan.setdefault(customer_id, CustomerStep(customer_id, level.id))
            if level.sequence > self.env["credit.dunning.level"].browse(step.level_id).sequence:
                step.level_id = level.id
            invoice_step = InvoiceStep(
                invoice.id,
                level.id,
                (run_date - invoice.invoice_date_due).days,
                invoice.amount_residual_signed,
            )
            if level.include_penalties and invoice_step.days_late > 0:
                self._add_penalties(invoice_step, invoice, run_date, rates)
            step.invoices.append(invoice_step)
        return [plan[customer_id] for customer_id in sorted(plan)]

    def _add_penalties(self, step, invoice, run_date, rates):
        company = invoice.company_id
        customer = invoice.commercial_partner_id.with_company(company)
        step.interest = self.env["credit.late.interest"]._interest(
            step.residual,
            invoice.invoice_date_due,
            run_date,
            company,
            customer.credit_contractual_interest_rate,
            rates,
        )
        if customer.is_company and not customer.credit_insolvency:
            step.indemnity = company.credit_recovery_indemnity

    def _open_invoices(self, company):
        return self.env["account.move"].search(
            [
                ("company_id", "=", company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "!=", False),
            ],
            order="commercial_partner_id, invoice_date_due, id",
        )

    def _level_due(self, invoice, policy, figure, run_date: date):
        """The level ``invoice`` is due for at ``run_date``, or an empty recordset."""
        broken_promise = False
        if invoice.dunning_excluded:
            promise_over = (
                invoice.dunning_exclusion_reason == "promise"
                and invoice.dunning_excluded_until
                and invoice.dunning_excluded_until < run_date
            )
            if not promise_over:
                return self.env["credit.dunning.level"]
            broken_promise = True
        days_late = (run_date - invoice.invoice_date_due).days
        owed = figure.overdue if days_late > 0 else figure.receivable
        sent = invoice.dunning_level_id.sequence or 0
        candidates = policy.level_ids.filtered(
            lambda level: level.sequence > sent
            and invoice.company_id.currency_id.compare_amounts(owed, level.min_overdue_amount) >= 0
        ).sorted("sequence")
        reached = candidates.filtered(lambda level: level.days <= days_late)
        if broken_promise and not reached:
            return candidates[:1]
        return reached[-1:]
