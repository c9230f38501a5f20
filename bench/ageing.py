"""Ageing benchmark: 200,000 open receivable lines over 20,000 customers.

    make bench-ageing      (or: python bench/ageing.py -c ODOO_CONF -d DATABASE)

The dataset is made once per database: 20,000 customers through the ORM, then
one real posted invoice copied 200,000 times in SQL (its receivable and income
lines), with due dates spread over 300 days and one invoice in five partly paid
by a reconciled payment line. Then it times what a user waits for:

- the ageing pivot, customers x buckets (read_group as the pivot view calls it)  target 1 s
- the same at a past date (as-of ageing)                                          target 5 s
- the XLSX aged balance of the 20,000 customers                                   target 10 s
"""

import statistics
import time
from datetime import timedelta

from common import copy_invoice, copy_rows, due_date_of_copy, odoo_env, parse_args, spread_over

from odoo import Command, fields
from odoo.tools import SQL

CUSTOMERS = 20_000
LINES = 200_000
PAID_ONE_IN = 5
TARGETS = {"pivot": 1.0, "as_of": 5.0, "xlsx": 10.0}


def ensure_dataset(env):
    company = env.company
    if env["account.move"].search_count([("ref", "=", "BENCH")], limit=1):
        return company
    print(f"Generating {CUSTOMERS:,} customers and {LINES:,} open receivable lines...", flush=True)
    partners = env["res.partner"].create(
        [{"name": f"Bench Customer {i:05d}", "is_company": True} for i in range(CUSTOMERS)]
    )
    template = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partners[0].id,
            "invoice_date": fields.Date.today() - timedelta(days=200),
            "ref": "BENCH",
            "invoice_line_ids": [
                Command.create(
                    {"name": "Bench", "quantity": 1, "price_unit": 1000.0, "tax_ids": []}
                )
            ],
        }
    )
    template.action_post()
    env.flush_all()
    copy_invoices(env, template, partners.ids)
    pay_some_invoices(env, template)
    env.invalidate_all()
    return company


def copy_invoices(env, template, partner_ids):
    today = fields.Date.today()
    copy_invoice(
        env,
        template,
        LINES - 1,
        "BENCH/",
        move_overrides={
            "partner_id": spread_over(partner_ids),
            "commercial_partner_id": spread_over(partner_ids),
            "invoice_date": SQL("%s::date - mod(g, 300) - 30", today),
            "date": SQL("%s::date - mod(g, 300) - 30", today),
            "invoice_date_due": SQL("%s::date - mod(g, 300)", today),
        },
        line_overrides={
            "partner_id": SQL("move.partner_id"),
            "date": SQL("move.date"),
            "invoice_date": SQL("move.invoice_date"),
            "date_maturity": due_date_of_copy(),
        },
    )


def pay_some_invoices(env, template):
    """A 400.00 payment line reconciled with one invoice in five, dated 10 days after it."""
    receivable = template.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
    env.cr.execute("SELECT MAX(id) FROM account_move_line")
    last_line = env.cr.fetchone()[0]
    env.cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_paid AS
                SELECT line.* FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                 WHERE move.name LIKE %s AND line.account_id = %s
                   AND mod(move.sequence_number, %s) = 0;
            CREATE INDEX ON bench_paid (move_id);
            ANALYZE bench_paid;
            """,
            "BENCH/%",
            receivable.account_id.id,
            PAID_ONE_IN,
        )
    )
    copy_rows(
        env,
        "account_move_line",
        SQL("FROM account_move_line src, bench_paid inv WHERE src.id = %s", receivable.id),
        {
            "move_id": SQL("inv.move_id"),
            "name": SQL("'Bench payment'"),
            "date": SQL("inv.date + 10"),
            "date_maturity": SQL("inv.date + 10"),
            "debit": SQL("0"),
            "credit": SQL("400"),
            "balance": SQL("-400"),
            "amount_currency": SQL("-400"),
            "amount_residual": SQL("0"),
            "amount_residual_currency": SQL("0"),
            "reconciled": SQL("true"),
            "partner_id": SQL("inv.partner_id"),
        },
    )
    env.cr.execute(
        SQL(
            """
            INSERT INTO account_partial_reconcile
                    (debit_move_id, credit_move_id, amount, debit_amount_currency,
                     credit_amount_currency, company_id, debit_currency_id, credit_currency_id,
                     max_date, create_uid, write_uid, create_date, write_date)
                SELECT inv.id, pay.id, 400, 400, 400, inv.company_id, inv.currency_id,
                       inv.currency_id, pay.date, 1, 1, now(), now()
                  FROM bench_paid inv
                  JOIN account_move_line pay
                       ON pay.move_id = inv.move_id AND pay.name = 'Bench payment'
                 WHERE pay.id > %s;
            UPDATE account_move_line SET amount_residual = amount_residual - 400,
                                         amount_residual_currency = amount_residual_currency - 400
             WHERE id IN (SELECT id FROM bench_paid);
            ANALYZE account_move_line; ANALYZE account_move; ANALYZE account_partial_reconcile;
            """,
            last_line,
        )
    )


def measure(env, label, function, repeat=3):
    """Run ``function`` ``repeat`` times, the record cache cleared before each run as
    for a new request on a running server; print the first (cold) and median times."""
    times = []
    for _run in range(repeat):
        env.invalidate_all()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<48} first {times[0]:6.3f} s   median of {repeat} {median:6.3f} s", flush=True)
    return median, result


def run(env, company):
    lines = env["credit.ageing.line"].with_company(company)
    domain = [("company_id", "=", company.id)]
    print(f"open receivable lines: {lines.search_count(domain):,}", flush=True)
    results = {}
    past = fields.Date.to_string(fields.Date.today() - timedelta(days=90))
    results["pivot"], groups = measure(
        env,
        "pivot customers x buckets (read_group)",
        lambda: lines.read_group(
            domain, ["amount_residual:sum"], ["partner_id", "bucket"], lazy=False
        ),
    )
    print(f"  {len(groups):,} cells", flush=True)
    results["as_of"], groups = measure(
        env,
        f"as-of-date ageing at {past} (read_group)",
        lambda: lines.with_context(credit_ageing_date=past).read_group(
            domain, ["amount_residual:sum"], ["partner_id", "bucket"], lazy=False
        ),
    )
    print(f"  {len(groups):,} cells", flush=True)
    results["xlsx"], content = measure(
        env,
        "XLSX aged balance, all customers",
        lambda: env["credit.ageing.xlsx"].build_workbook(company, fields.Date.today()),
    )
    print(f"  {len(content) / 1024:,.0f} KiB", flush=True)
    results["kpis"], _rows = measure(
        env, "collection KPIs refresh, 12 months", lambda: env["credit.kpi"]._refresh(company), 1
    )
    failed = [name for name, target in TARGETS.items() if results[name] > target]
    for name, target in TARGETS.items():
        verdict = "over" if name in failed else "ok"
        print(f"{name:<10} median {results[name]:7.3f} s   target {target:5.1f} s   {verdict}")
    return 1 if failed else 0


def main():
    args = parse_args(__doc__.splitlines()[0])
    with odoo_env(args) as env:
        company = ensure_dataset(env)
        env.cr.commit()
        raise SystemExit(run(env, company))


if __name__ == "__main__":
    main()
