from dataclasses import dataclass, field
from datetime import date

from odoo import fields, models


@dataclass
class InvoiceStep:
    """An invoice and the level it is due for."""

    move_id: int
    level_id: int
    days_late: int
    residual: float  # company currency
    currency_id: int = 0  # the invoice's
    residual_currency: float = 0.0  # in the invoice's currency
    interest: float = 0.0  # accrued to the run date, in all
    indemnity: float = 0.0
    invoiced: float = 0.0  # of the interest and indemnity, already on a penalty invoice


@dataclass
class CustomerStep:
    """One communication: a customer, its highest due level, its invoices."""

    partner_id: int
    level_id: int
    sequence: int
    invoices: list = field(default_factory=list)
    level_penalties: bool = False  # its level claims penalties
    include_penalties: bool = False  # and the customer owes some (see _add_penalties)
    failure: str = ""  # why this communication cannot be planned; it is listed as failed
    by_letter: bool = False  # its last reminder e-mail was undeliverable: an e-mail level prints

    @property
    def total(self):
        return sum(step.residual for step in self.invoices)


@dataclass(frozen=True)
class LevelRule:
    """What the planner needs of a level, read once per run."""

    level_id: int
    sequence: int
    days: int
    include_penalties: bool


NO_PENALTIES = {"penalties": "", "contractual_rate": 0.0, "indemnity": 0.0}


class DunningPlan(list):
    """The planned communications ([CustomerStep], ordered by customer id), with
    what planning found out on the way (``notes``, e.g. missing interest rates),
    so that nothing is asked twice."""

    def __init__(self, steps=(), notes=None):
        super().__init__(steps)
        self.notes = notes or {}


@dataclass
class DunningPauses:
    """What stops or restarts the dunning of invoices, besides their levels."""

    disputed: dict = field(default_factory=dict)  # {invoice id: amount in open disputes}
    paused: set = field(default_factory=set)  # invoice ids left out of this run
    broken: dict = field(default_factory=dict)  # {invoice id: date a promise for it broke}


@dataclass
class CustomerRules:
    """A customer's levels reachable by the amount it owes, and its penalty terms."""

    before_due: list  # levels allowed by what the customer owes in all
    after_due: list  # levels allowed by what it owes overdue
    contractual_rate: float = 0.0
    penalties: str = ""  # which penalties a level claiming them adds; "" for none
    indemnity: float = 0.0


class CreditDunningPlanner(models.AbstractModel):
    """Decides what a dunning run sends, without sending anything.

    For each open customer invoice of a company, the level due is the highest
    level of the customer's policy whose days after the due date are reached,
    above the level already sent for that invoice (a level is never sent
    twice, and late invoices skip the levels they missed). A level whose
    minimum amount is above what the customer owes is not due. Invoices
    excluded from dunning, or promised (``credit.promise``) until the promise's
    deadline, are left out; a broken promise makes the next level due at once.
    Of an invoice in an open dispute, only the undisputed part is dunned.
    Invoices in an active payment plan are reminded by the plan, per
    instalment. Invoices rejected on the e-invoicing platform do not exist legally and
    are never dunned. A customer whose
    credit notes and unapplied payments cover its invoices gets nothing.
    Invoices are grouped into one communication per customer, at the highest
    level due among them. Customers handed over to legal recovery get nothing
    more.

    Hooks for the concerns built on dunning: ``_dunning_pauses`` (the desk's
    disputes, promises and plans), ``_customer_dunned`` and
    ``_penalty_terms`` (who is dunned, and which penalties a level claiming
    them adds), ``_add_penalties`` (their amounts, l10n_fr).
    """

    _name = "credit.dunning.planner"
    _description = "Dunning Planner"

    def _plan(self, company, run_date=None):
        """[CustomerStep], ordered by customer id."""
        run_date = run_date or fields.Date.context_today(self)
        invoices = self._open_invoices(company)
        if not invoices:
            return DunningPlan()
        customers = invoices.commercial_partner_id.with_company(company)
        rules = self._customer_rules(customers, company, run_date)
        pauses = self._dunning_pauses(invoices, run_date)
        disputed, paused, broken = pauses.disputed, pauses.paused, pauses.broken
        plan = {}
        for invoice in invoices:
            customer_id = invoice.commercial_partner_id.id
            customer_rules = rules.get(customer_id)
            if not customer_rules or invoice.id in paused:
                continue  # nothing owed once credits are deducted, in legal recovery, promised
            residual, residual_currency = self._undisputed(invoice, disputed.get(invoice.id, 0.0))
            if not residual_currency:
                continue  # all disputed
            broken_since = broken.get(invoice.id)
            broken_promise = bool(broken_since) and (
                not invoice.dunning_last_date or invoice.dunning_last_date < broken_since
            )
            rule = self._level_due(invoice, customer_rules, run_date, broken_promise)
            if not rule:
                continue
            step = plan.setdefault(customer_id, CustomerStep(customer_id, rule.level_id, 0))
            if rule.sequence > step.sequence:
                step.level_id, step.sequence = rule.level_id, rule.sequence
                step.level_penalties = rule.include_penalties
            invoice_step = InvoiceStep(
                invoice.id,
                rule.level_id,
                (run_date - invoice.invoice_date_due).days,
                residual,
                invoice.currency_id.id,
                residual_currency,
            )
            step.invoices.append(invoice_step)
        notes = self._add_penalties(plan, invoices, rules, company=company, run_date=run_date)
        return DunningPlan([plan[customer_id] for customer_id in sorted(plan)], notes)

    def _dunning_pauses(self, invoices, run_date):
        """DunningPauses of ``invoices`` at ``run_date``: none here; the desk adds
        its disputes, promises and payment plans."""
        return DunningPauses()

    def _add_penalties(self, plan, invoices, rules, *, company, run_date):
        """Add the penalties the planned levels claim to ``plan`` ({customer id:
        CustomerStep}); return notes for the run. None here: which penalties the
        law allows is a country's concern (l10n_fr)."""
        return {}

    def _customer_rules(self, customers, company, run_date):
        """{customer id: CustomerRules} of the customers that can be dunned."""
        owed = self.env["credit.exposure"]._figures(customers, company, run_date)
        customers.fetch(self._customer_fields_read())  # not the hundred columns of a partner
        default = self.env["credit.dunning.policy"]._default_for(company)
        currency = company.currency_id
        policy_rules = {}
        rules = {}
        for customer in customers:
            figure = owed[customer.id]
            if not customer._credit_dunned() or currency.compare_amounts(figure.receivable, 0) <= 0:
                continue
            policy = customer._credit_dunning_policy(default)
            if policy not in policy_rules:
                policy_rules[policy] = [
                    (
                        level.min_overdue_amount,
                        LevelRule(level.id, level.sequence, level.days, level.include_penalties),
                    )
                    for level in policy.level_ids.sorted("sequence")
                ]
            levels = policy_rules[policy]
            rules[customer.id] = CustomerRules(
                before_due=[
                    rule
                    for minimum, rule in levels
                    if currency.compare_amounts(figure.receivable, minimum) >= 0
                ],
                after_due=[
                    rule
                    for minimum, rule in levels
                    if currency.compare_amounts(figure.overdue, minimum) >= 0
                ],
                **self._penalty_terms(customer, policy, company),
            )
        return rules

    def _customer_fields_read(self):
        """The customer columns ``_customer_rules`` reads (not the hundred of a partner)."""
        return [
            "credit_legal_action",
            "credit_dunning_policy_id",
            "credit_risk_segment_id",
            "credit_reply_pause_until",
        ]

    def _penalty_terms(self, customer, policy, company):
        """The CustomerRules penalty terms of ``customer``: none here (l10n_fr)."""
        return dict(NO_PENALTIES)

    def _open_invoice_fields(self):
        """The invoice columns the planner reads, not the hundred of an invoice."""
        return [
            "commercial_partner_id", "invoice_date_due", "amount_residual_signed",
            "amount_residual", "currency_id", "dunning_level_id", "dunning_excluded",
            "dunning_exclusion_reason", "dunning_excluded_until", "dunning_last_date",
            "company_currency_id",
        ]  # fmt: skip

    def _open_invoices(self, company):
        invoices = self.env["account.move"].search(
            [
                ("company_id", "=", company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "!=", False),
                ("credit_einvoice_status", "!=", "rejected"),  # does not legally exist
            ],
            order="commercial_partner_id, invoice_date_due, id",
        )
        invoices.fetch(self._open_invoice_fields())
        return invoices

    def _undisputed(self, invoice, disputed):
        """(residual in company currency, residual in the invoice's currency) of the
        part of ``invoice`` not disputed in an open dispute; (0, 0) if all of it is."""
        currency = invoice.currency_id
        if currency.compare_amounts(disputed, 0) <= 0:
            return invoice.amount_residual_signed, invoice.amount_residual
        if currency.compare_amounts(disputed, invoice.amount_residual) >= 0:
            return 0.0, 0.0
        share = 1 - disputed / invoice.amount_residual
        return (
            invoice.company_currency_id.round(invoice.amount_residual_signed * share),
            currency.round(invoice.amount_residual - disputed),
        )

    def _level_due(self, invoice, rules: CustomerRules, run_date: date, broken_promise=False):
        """The LevelRule ``invoice`` is due for at ``run_date``, or None. After a
        broken promise, the next level is due at once if the invoice is overdue."""
        if invoice.dunning_excluded:
            promise_over = (
                invoice.dunning_exclusion_reason == "promise"
                and invoice.dunning_excluded_until
                and invoice.dunning_excluded_until < run_date
            )
            if not promise_over:
                return None
            broken_promise = True
        days_late = (run_date - invoice.invoice_date_due).days
        sent = invoice.dunning_level_id.sequence or 0
        candidates = [
            rule
            for rule in (rules.after_due if days_late > 0 else rules.before_due)
            if rule.sequence > sent
        ]
        reached = [rule for rule in candidates if rule.days <= days_late]
        if broken_promise and days_late > 0 and not reached:
            return candidates[0] if candidates else None
        return reached[-1] if reached else None

    def _settle_levels(self, communications):
        """At sending, some invoices of a communication may have dropped out (paid,
        or dunned by another run): the communication goes out at the highest level
        of the invoices left."""
        for communication in communications:
            highest = communication.line_ids.level_id.sorted("sequence")[-1]
            if communication.level_id != highest:
                communication.level_id = highest
