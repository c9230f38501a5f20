from dataclasses import dataclass, field
from datetime import date

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


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
    include_penalties: bool = False
    failure: str = ""  # why this communication cannot be planned; it is listed as failed

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


PROFESSIONAL = "professional"  # L441-10 interest from the due date, and the D441-5 indemnity
AFTER_NOTICE = "after_notice"  # legal interest from the formal notice (Civil Code 1231-6)
CUSTOMER_FIELDS_READ = [
    "credit_legal_action", "credit_insolvency", "credit_dunning_policy_id",
    "credit_risk_segment_id", "credit_contractual_interest_rate", "credit_professional",
]  # fmt: skip


@dataclass
class CustomerRules:
    """A customer's levels reachable by the amount it owes, and its penalty terms."""

    before_due: list  # levels allowed by what the customer owes in all
    after_due: list  # levels allowed by what it owes overdue
    contractual_rate: float
    penalties: str  # PROFESSIONAL, AFTER_NOTICE (an individual, by policy) or "" (none)
    indemnity: float


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
    level due among them. When that level claims penalties, the communication
    adds each late invoice's interest (on its residual, taxes included) and
    the fixed recovery indemnity: from professional customers only. Customers
    handed over to legal recovery, and customers in insolvency proceedings
    (whose claims are declared instead), get nothing more.
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
        rules = self._customer_rules(customers, company, run_date)
        disputed = self.env["credit.dispute"]._open_disputed_amounts(invoices.ids)
        paused, broken = self.env["credit.promise"]._dunning_states(invoices.ids, run_date)
        paused |= self.env["credit.payment.plan"]._covered_invoice_ids(invoices.ids)
        plan = {}
        late = {}  # customer id: [(InvoiceStep, invoice)] of its late invoices
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
                step.include_penalties = rule.include_penalties
            invoice_step = InvoiceStep(
                invoice.id,
                rule.level_id,
                (run_date - invoice.invoice_date_due).days,
                residual,
                invoice.currency_id.id,
                residual_currency,
            )
            step.invoices.append(invoice_step)
            if invoice_step.days_late > 0 and not invoice.credit_penalty_invoice:
                late.setdefault(customer_id, []).append((invoice_step, invoice))
        self._add_penalties(plan, late, rules, company=company, run_date=run_date)
        return [plan[customer_id] for customer_id in sorted(plan)]

    def _add_penalties(self, plan, late, rules, *, company, run_date):
        """A communication claiming penalties claims them on each of its late invoices:
        from a professional customer, interest from the due date and the indemnity;
        from an individual whose policy says so, legal interest from the formal
        notice sent for the invoice, if any.

        A customer whose penalties cannot be computed (no rate for a period) is
        planned as failed, with the reason; the others are not affected.
        """
        interest = self.env["credit.late.interest"]
        rates = interest._rates(company)
        factors = {}  # (start, contractual rate, legal): interest per unit owed
        for customer_id, step in plan.items():
            customer_rules = rules[customer_id]
            step.include_penalties = step.include_penalties and bool(customer_rules.penalties)
        notices = self._formal_notice_dates(
            [
                invoice.id
                for customer_id, step in plan.items()
                if step.include_penalties and rules[customer_id].penalties == AFTER_NOTICE
                for _step, invoice in late.get(customer_id, [])
            ]
        )
        billed = self.env["account.move.line"]._credit_billed_penalties(
            [
                invoice.id
                for customer_id, step in plan.items()
                if step.include_penalties
                for _step, invoice in late.get(customer_id, [])
            ]
        )
        for customer_id, step in plan.items():
            if not step.include_penalties:
                continue
            customer_rules = rules[customer_id]
            professional = customer_rules.penalties == PROFESSIONAL
            try:
                for invoice_step, invoice in late.get(customer_id, []):
                    if professional:
                        key = (invoice.invoice_date_due, customer_rules.contractual_rate, False)
                    elif invoice.id in notices:
                        key = (notices[invoice.id], 0.0, True)
                    else:
                        continue  # no formal notice yet: nothing owed
                    if key not in factors:
                        start, contractual_rate, legal = key
                        factors[key] = interest._interest_factor(
                            start,
                            run_date,
                            company,
                            contractual_rate=contractual_rate,
                            rates=rates,
                            legal=legal,
                        )
                    invoice_step.interest = company.currency_id.round(
                        invoice_step.residual * factors[key]
                    )
                    invoice_step.indemnity = customer_rules.indemnity if professional else 0.0
                    self._mark_invoiced(invoice_step, billed.get(invoice.id, {}))
            except UserError as error:
                step.failure = str(error)
                for invoice_step, _invoice in late.get(customer_id, []):
                    invoice_step.interest = invoice_step.indemnity = 0.0  # nothing half-claimed

    def _mark_invoiced(self, invoice_step, billed):
        """Penalties are claimed once: a letter restates the interest and indemnity
        of an invoice in all, and what penalty invoices already bill of them is
        shown as invoiced and not claimed again (those invoices are dunned instead)."""
        interest = min(billed.get("interest", 0.0), invoice_step.interest)
        indemnity = min(billed.get("indemnity", 0.0), invoice_step.indemnity)
        invoice_step.invoiced = interest + indemnity

    def _formal_notice_dates(self, invoice_ids):
        """{invoice id: date of the first formal notice sent for it}."""
        if not invoice_ids:
            return {}
        self.env["credit.dunning.communication"].flush_model(["state", "sent_date", "level_id"])
        self.env["credit.dunning.communication.line"].flush_model(
            ["communication_id", "move_id", "sent"]
        )
        self.env["credit.dunning.level"].flush_model(["letter_style"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.move_id, MIN(communication.sent_date)
                  FROM credit_dunning_communication_line line
                  JOIN credit_dunning_communication communication
                       ON communication.id = line.communication_id
                  JOIN credit_dunning_level level ON level.id = communication.level_id
                 WHERE line.move_id = ANY(%s) AND line.sent AND communication.state = 'sent'
                   AND level.letter_style = 'formal_notice'
              GROUP BY line.move_id
                """,
                invoice_ids,
            )
        )
        return {move_id: fields.Date.to_date(sent) for move_id, sent in rows}

    def _customer_rules(self, customers, company, run_date):
        """{customer id: CustomerRules} of the customers that can be dunned."""
        owed = self.env["credit.exposure"]._figures(customers, company, run_date)
        customers.fetch(CUSTOMER_FIELDS_READ)  # not the hundred columns of a partner
        default = self.env["credit.dunning.policy"]._default_for(company)
        currency = company.currency_id
        policy_rules = {}
        rules = {}
        for customer in customers:
            figure = owed[customer.id]
            if (
                customer.credit_legal_action
                or customer.credit_insolvency  # claims are declared, not dunned (L622-21)
                or currency.compare_amounts(figure.receivable, 0) <= 0
            ):
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
                contractual_rate=customer.credit_contractual_interest_rate,
                penalties=self._penalty_terms(customer, policy),
                indemnity=company.credit_recovery_indemnity,
            )
        return rules

    def _penalty_terms(self, customer, policy):
        if customer.credit_professional:
            return PROFESSIONAL
        return AFTER_NOTICE if policy.individual_interest_after_notice else ""

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
        # Only the columns the planner reads, not the hundred of an invoice.
        invoices.fetch(
            [
                "commercial_partner_id",
                "invoice_date_due",
                "amount_residual_signed",
                "amount_residual",
                "currency_id",
                "dunning_level_id",
                "dunning_excluded",
                "dunning_exclusion_reason",
                "dunning_excluded_until",
                "credit_penalty_invoice",
                "dunning_last_date",
                "company_currency_id",
            ]
        )
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
