"""Dunning benchmark: 50,000 overdue invoices over 5,000 customers.

    make bench-dunning      (or: python bench/dunning.py -c ODOO_CONF -d DATABASE)

The dataset is made once, in its own company of the benchmark database: 5,000
customers with an e-mail address, then one posted invoice copied 50,000 times
in SQL, 1 to 100 days late; 500 of the customers have an open promise to pay,
500 an open dispute and 100 an active payment plan (the collector's desk, whose
checks the planner makes). The run is timed in a transaction that is rolled
back, so it can be repeated: planning, then sending every communication with
the default French-law policy (e-mails queued as in production, letters left to
print, customers handed over to legal recovery; no PDF is rendered).
"""

import functools
import time
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

from common import copy_invoice, due_date_of_copy, odoo_env, parse_args, spread_over, vacuum

from odoo import Command, fields
from odoo.tools import SQL

COMPANY = "Dunning Bench SAS"
CUSTOMERS = 5_000
INVOICES = 50_000
TARGET = 60.0
# Where a run spends its time: each of these methods is a phase (time spent in the
# phases it calls counts for those), with its SQL time and query count.
PHASES = {
    "credit.dunning.run": ["_plan_run", "_send_batch"],
    "credit.dunning.planner": ["_plan"],
    "credit.dispute": ["_open_disputed_amounts"],
    "credit.promise": ["_dunning_states", "_cron_check_promises"],
    "credit.payment.plan": ["_covered_invoice_ids"],
    "credit.dunning.sender": [
        "_lock_dead_lines", "_send_emails", "_send_letters", "_schedule_calls",
        "_escalate_to_legal", "_apply_holds", "_mark_sent", "_log_notes",
        "_record_levels_on_invoices",
    ],
}  # fmt: skip


def ensure_dataset(env):
    company = env["res.company"].search([("name", "=", COMPANY)])
    if company:
        return company
    print(f"Generating {CUSTOMERS:,} customers and {INVOICES:,} overdue invoices...", flush=True)
    company = env["res.company"].create({"name": COMPANY, "currency_id": env.ref("base.EUR").id})
    env.user.company_ids |= company
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    env["account.chart.template"].try_loading("generic_coa", company=company, install_demo=False)
    partners = env["res.partner"].create(
        [
            {"name": f"Dunned Customer {i:04d}", "is_company": True, "email": f"c{i}@example.com"}
            for i in range(CUSTOMERS)
        ]
    )
    template = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partners[0].id,
            "invoice_date": fields.Date.today() - timedelta(days=130),
            "invoice_line_ids": [
                Command.create({"name": "Bench", "quantity": 1, "price_unit": 100.0, "tax_ids": []})
            ],
        }
    )
    template.action_post()
    env.flush_all()
    copy_invoices(env, template, partners.ids)
    return company


def ensure_desk_records(env, company):
    """Promises, disputes and payment plans on the first invoices of some customers."""
    env = env(context=dict(env.context, allowed_company_ids=company.ids))
    if env["credit.promise"].search_count([("company_id", "=", company.id)]):
        return
    print("Adding 500 promises, 500 disputes and 100 payment plans...", flush=True)
    invoices = env["account.move"].search(
        [("company_id", "=", company.id), ("move_type", "=", "out_invoice")], order="id"
    )
    first = {}
    for invoice in invoices:
        first.setdefault(invoice.commercial_partner_id, invoice)
    firsts = list(first.values())
    today = fields.Date.today()
    env["credit.promise"].create(
        [
            {"partner_id": inv.commercial_partner_id.id, "move_ids": [Command.set(inv.ids)],
             "date_promised": today + timedelta(days=10), "company_id": company.id}
            for inv in firsts[:500]
        ]
    )  # fmt: skip
    reason = env.ref("credit_collection.credit_dispute_reason_price")
    env["credit.dispute"].create(
        [
            {"partner_id": inv.commercial_partner_id.id, "reason_id": reason.id,
             "company_id": company.id,
             "line_ids": [Command.create({"move_id": inv.id, "amount_disputed": 50.0})]}
            for inv in firsts[500:1000]
        ]
    )  # fmt: skip
    plans = env["credit.payment.plan"].create(
        [
            {"partner_id": inv.commercial_partner_id.id, "move_ids": [Command.set(inv.ids)],
             "company_id": company.id, "instalment_count": 2,
             "first_date": today + timedelta(days=20)}
            for inv in firsts[1000:1100]
        ]
    )  # fmt: skip
    plans.action_generate_instalments()
    plans.write({"state": "active", "date_start": today})


def copy_invoices(env, template, partner_ids):
    copy_invoice(
        env,
        template,
        INVOICES - 1,
        "DUN/",
        move_overrides={
            "partner_id": spread_over(partner_ids),
            "commercial_partner_id": spread_over(partner_ids),
            "invoice_date_due": SQL("%s::date - 1 - mod(g, 100)", fields.Date.today()),
        },
        line_overrides={"partner_id": SQL("move.partner_id"), "date_maturity": due_date_of_copy()},
    )


class PhaseClock:
    """Wall time, SQL time and queries per phase, each counted in the innermost phase."""

    def __init__(self, env):
        self.env = env
        self.stack = ["other"]
        self.wall = Counter()
        self.sql = Counter()
        self.queries = Counter()
        self.started = time.perf_counter()

    def _switch(self, phase=None):
        now = time.perf_counter()
        self.wall[self.stack[-1]] += now - self.started
        self.started = now
        if phase:
            self.stack.append(phase)
        else:
            self.stack.pop()

    @contextmanager
    def phase(self, name):
        self._switch(name)
        try:
            yield
        finally:
            self._switch()

    @contextmanager
    def installed(self):
        """Wrap the phases' methods and the cursor's execute while in the block."""
        originals = []
        for model, methods in PHASES.items():
            cls = type(self.env[model])
            for name in methods:
                originals.append((cls, name, cls.__dict__.get(name)))
                setattr(cls, name, self._timed(getattr(cls, name), name))
        execute = type(self.env.cr).execute
        clock = self

        @functools.wraps(execute)
        def timed_execute(cr, *args, **kwargs):
            start = time.perf_counter()
            try:
                return execute(cr, *args, **kwargs)
            finally:
                clock.sql[clock.stack[-1]] += time.perf_counter() - start
                clock.queries[clock.stack[-1]] += 1

        type(self.env.cr).execute = timed_execute
        try:
            yield self
        finally:
            type(self.env.cr).execute = execute
            for cls, name, original in originals:
                if original is None:
                    delattr(cls, name)
                else:
                    setattr(cls, name, original)

    def _timed(self, method, name):
        clock = self

        @functools.wraps(method)
        def timed(*args, **kwargs):
            with clock.phase(name):
                return method(*args, **kwargs)

        return timed

    def report(self, total):
        self._switch("other")
        self.stack.pop()
        print(f"{'phase':<28} {'wall s':>7} {'share':>6} {'SQL s':>7} {'queries':>8}")
        for name, seconds in self.wall.most_common():
            print(
                f"{name:<28} {seconds:7.2f} {seconds / total:6.0%} "
                f"{self.sql[name]:7.2f} {self.queries[name]:8,}"
            )


def main():
    args = parse_args(__doc__.splitlines()[0])
    with odoo_env(args) as root_env:
        company = ensure_dataset(root_env)
        ensure_desk_records(root_env, company)
        root_env.cr.commit()
        vacuum(
            args.database,
            ["account_move", "credit_dunning_communication", "credit_dunning_communication_line",
             "mail_message", "mail_mail", "mail_activity", "res_partner"],
        )  # fmt: skip
        env = root_env(context=dict(root_env.context, allowed_company_ids=company.ids))
        runs = env["credit.dunning.run"].with_company(company)
        # Without PDF rendering: no letter nor invoice attached to the e-mails.
        levels = env["credit.dunning.policy"]._default_for(company).level_ids
        levels.write({"attach_letter": False, "attach_invoices": False})
        clock = PhaseClock(env)
        start = time.perf_counter()
        queries = env.cr.sql_log_count
        with clock.installed():
            env["credit.promise"]._cron_check_promises()  # as the daily run does first
            run = runs._plan_run(company, state="running")
            planned = time.perf_counter() - start
            print(f"plan: {len(run.communication_ids):,} communications, "
                  f"{len(run.communication_ids.line_ids):,} invoices in {planned:.1f} s", flush=True)  # fmt: skip
            run._send_batch(limit=None)
            with clock.phase("final flush"):
                env.flush_all()
        total = time.perf_counter() - start
        queries = env.cr.sql_log_count - queries
        sent = run.communication_ids.filtered(lambda c: c.state == "sent")
        channels = Counter(sent.mapped("channel"))
        print(
            f"send: {len(sent):,} communications sent ({channels['email']:,} e-mails queued, "
            f"{channels['letter'] + channels['formal_notice']:,} letters to print, "
            f"{channels['legal']:,} legal escalations); run total {total:.1f} s "
            f"(target {TARGET:.0f} s)"
        )
        print(f"queries: {queries:,} in all, {queries / max(len(sent), 1):.2f} per customer")
        clock.report(total)
        env.cr.rollback()
        raise SystemExit(0 if total <= TARGET else 1)


if __name__ == "__main__":
    main()
