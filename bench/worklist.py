"""Worklist benchmark: the collector's worklist over 5,000 customers and 50,000 open invoices.

    make bench-worklist     (or: python bench/worklist.py -c ODOO_CONF -d DATABASE)

Reuses the dunning benchmark's company (5,000 customers, 50,000 overdue
invoices, 500 promises, 500 disputes, 100 payment plans), made once. Times
what the web client asks when the worklist opens: the first page of 80 rows
with the list view's fields, and the count for the pager; median of 5 runs,
with the number of queries of each.
"""

import statistics
import time

from common import odoo_env, parse_args
from dunning import ensure_dataset, ensure_desk_records

RUNS = 5
TARGET = 1.0
SPECIFICATION = {
    name: {} for name in (
        "priority", "reason", "overdue_amount", "days_overdue", "currency_id", "broken_promise",
        "instalment_missed", "notice_expired", "promise_due", "dispute_idle", "company_id",
    )
} | {
    "partner_id": {"fields": {"display_name": {}}},
    "collector_id": {"fields": {"display_name": {}}},
}  # fmt: skip


def timed(env, call):
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, env.cr.sql_log_count - queries, result


def main():
    args = parse_args(__doc__.splitlines()[0])
    with odoo_env(args) as root_env:
        company = ensure_dataset(root_env)
        ensure_desk_records(root_env, company)
        root_env.cr.commit()
        env = root_env(context=dict(root_env.context, allowed_company_ids=company.ids))
        worklist = env["credit.worklist"]
        figures = {}
        for name, call in (
            ("first page of 80", lambda: worklist.web_search_read([], SPECIFICATION, limit=80)),
            ("count", lambda: worklist.search_count([])),
        ):
            runs = [timed(env, call) for _index in range(RUNS + 1)][1:]  # the first warms up
            figures[name] = runs
            seconds = [run[0] for run in runs]
            print(
                f"{name:<18} median {statistics.median(seconds):.3f} s "
                f"(runs {', '.join(f'{s:.3f}' for s in seconds)}), "
                f"{runs[0][1]} queries"
            )
        page = figures["first page of 80"][0][2]
        rows = page["records"]
        print(
            f"rows: {page['length']:,} customers to work; first: {rows[0]['partner_id']['display_name']}"
            f" ({rows[0]['reason']})"
        )
        slowest = max(statistics.median(run[0] for run in runs) for runs in figures.values())
        print(f"slowest median {slowest:.3f} s (target {TARGET:.1f} s)")
        env.cr.rollback()
        raise SystemExit(0 if slowest <= TARGET else 1)


if __name__ == "__main__":
    main()
