"""Credit intelligence benchmark: the nightly payment score and the expected collections.

    make bench-intelligence  (or: python bench/intelligence.py -c ODOO_CONF -d DATABASE)

Reuses the ageing benchmark's company (20,000 customers, 200,000 open receivable
lines), made once, and adds once 200,000 invoices paid 0 to 59 days late over
the last 12 months (copied in SQL, each reconciled by a partial with a payment
line). Times, in transactions rolled back:

- the nightly score of the 20,000 customers (scores, medians, segment proposals)  target 30 s
- the expected-collections pivot, weeks x sources, over the 200,000 open lines   target 1 s
- the back-test of the forecast made 4 weeks ago                                 (no target)
"""

import statistics
import time
from datetime import timedelta

from ageing import CUSTOMERS
from ageing import ensure_dataset as ensure_open_lines
from common import copy_invoice, due_date_of_copy, odoo_env, parse_args, spread_over

from odoo import Command, fields
from odoo.tools import SQL

PAID = 200_000
TARGETS = {"score": 30.0, "forecast pivot": 1.0}


def ensure_paid_invoices(env, company):
    if env["account.move"].search_count([("ref", "=", "BENCH-PAID")], limit=1):
        return
    print(f"Generating {PAID:,} paid invoices...", flush=True)
    customers = env["res.partner"].search(
        [("name", "=like", "Bench Customer %")], order="id", limit=CUSTOMERS
    )
    today = fields.Date.today()
    template = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": customers[0].id,
            "invoice_date": today - timedelta(days=60),
            "ref": "BENCH-PAID",
            "invoice_line_ids": [
                Command.create({"name": "Paid", "quantity": 1, "price_unit": 700.0, "tax_ids": []})
            ],
        }
    )
    template.action_post()
    payment = env["account.payment"].create(
        {"payment_type": "inbound", "partner_id": customers[0].id, "amount": 1.0}
    )
    payment.action_post()
    env.flush_all()
    # due 15 to 344 days ago, paid (mod(g, 60) - 10) days after, never before the due date
    copy_invoice(
        env,
        template,
        PAID - 1,
        "PAID/",
        move_overrides={
            "partner_id": spread_over(customers.ids),
            "commercial_partner_id": spread_over(customers.ids),
            "invoice_date": SQL("%s::date - 45 - mod(g, 330)", today),
            "date": SQL("%s::date - 45 - mod(g, 330)", today),
            "invoice_date_due": SQL("%s::date - 15 - mod(g, 330)", today),
            "payment_state": SQL("'paid'"),
            "amount_residual": SQL("0"),
            "amount_residual_signed": SQL("0"),
        },
        line_overrides={
            "partner_id": SQL("move.partner_id"),
            "date": SQL("move.date"),
            "invoice_date": SQL("move.invoice_date"),
            "date_maturity": due_date_of_copy(),
            "amount_residual": SQL("0"),
            "amount_residual_currency": SQL("0"),
            "reconciled": SQL("src.date_maturity IS NOT NULL"),
        },
    )
    credit_line = payment.move_id.line_ids.filtered(lambda line: line.credit > 0)
    env.cr.execute(
        SQL(
            """
            INSERT INTO account_partial_reconcile
                    (debit_move_id, credit_move_id, amount, debit_amount_currency,
                     credit_amount_currency, company_id, debit_currency_id, credit_currency_id,
                     max_date, create_uid, write_uid, create_date, write_date)
                SELECT line.id, %(credit)s, line.balance, line.balance, line.balance,
                       line.company_id, line.currency_id, line.currency_id,
                       LEAST(%(today)s, line.date_maturity + GREATEST(mod(line.id, 60) - 10, 0)),
                       1, 1, now(), now()
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                 WHERE move.name LIKE %(pattern)s AND line.date_maturity IS NOT NULL;
            ANALYZE account_move_line; ANALYZE account_move; ANALYZE account_partial_reconcile;
            """,
            credit=credit_line.id,
            today=today,
            pattern="PAID/%",
        )
    )
    env.cr.commit()


def timed(env, call, runs):
    seconds, queries = [], []
    for _run in range(runs):
        env.invalidate_all()
        start, count = time.perf_counter(), env.cr.sql_log_count
        call()
        env.flush_all()
        seconds.append(time.perf_counter() - start)
        queries.append(env.cr.sql_log_count - count)
        env.cr.rollback()
    return seconds, queries


def main():
    args = parse_args(__doc__.splitlines()[0])
    with odoo_env(args) as root_env:
        company = ensure_open_lines(root_env)
        root_env.cr.commit()
        ensure_paid_invoices(root_env, company)
        env = root_env(context=dict(root_env.context, allowed_company_ids=company.ids))
        engine = env["credit.score.engine"]
        forecast = env["credit.forecast.line"]
        scenarios = {
            "score": (lambda: engine._compute_company(company), 3),
            "forecast pivot": (
                lambda: forecast.read_group(
                    [], ["amount:sum"], ["expected_date:week", "source"], lazy=False
                ),
                5,
            ),
            "back-test": (lambda: forecast._backtest(company), 3),
        }
        engine._compute_company(company)  # medians for the forecast's predictions
        env.cr.commit()
        slow = []
        for name, (call, runs) in scenarios.items():
            seconds, queries = timed(env, call, runs)
            median = statistics.median(seconds)
            target = TARGETS.get(name)
            print(
                f"{name:<15} median {median:6.3f} s (runs {', '.join(f'{s:.3f}' for s in seconds)}),"
                f" {queries[0]} queries" + (f"; target {target:.0f} s" if target else "")
            )
            if target and median > target:
                slow.append(name)
        rows = env["credit.payment.score"].search_count([("company_id", "=", company.id)])
        print(f"scores stored: {rows:,} customers")
        raise SystemExit(1 if slow else 0)


if __name__ == "__main__":
    main()
