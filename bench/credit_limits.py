"""Credit limit benchmark: posting overhead, the confirmation check, exposure reads.

    make bench-credit-limits
    (or: python bench/credit_limits.py -c ODOO_CONF -d DATABASE --baseline-database BASE
         --empty-database EMPTY)

DATABASE has credit_collection and the ageing dataset; BASE and EMPTY have no data, EMPTY has
credit_collection installed and BASE the same addons without it. Scenarios:

(a) posting overhead (posting.py): three rounds of 1,000 customer invoices of 1 to 3
    product lines, half taxed, in a French company (EUR, VAT 20 %), posted and committed in
    batches of 100 alternating ABBA between BASE and EMPTY in one process;
    median ratio of the rounds, queries per invoice on each side       target +3 % at most
(b) confirming one quotation of a customer owing one invoice, 20 times,
    alternating (ABBA) between BASE and EMPTY: median time and the
    query count with the module less without it                        target +3 ms, +3 queries
    then, in DATABASE, the check of a quotation for a customer with
    20,000 open invoices and for one with a single invoice             target 50 ms
(c) exposure of 10,000 customers: a list page of the Customer Balances
    view, then every exposure field read for the 10,000               target 1 s
(d) the Credit Blocked filter of the quotations list, 1,000 quotations
    of 1,000 customers, half of them over their limit                  target 1 s
(e) the Over Credit Limit filter of Customer Balances on 20,000 customers
    with a limit, half of them over it, every exposure stored: the count  target 0.1 s
    right after a mass change listed all 20,000 as changed             target 0.3 s
    (and its list page; then with 1,000 changed; then once stored again)
(a) commits its invoices in BASE and EMPTY; the changes of (d) and (e) are rolled back;
(b) and (c) data is made once.
"""

import statistics
import time
from datetime import timedelta

from ageing import ensure_dataset, measure
from common import copy_invoice, odoo_env, parse_args, vacuum
from posting import posting_overhead

from odoo import Command, fields

BIG_CUSTOMER_INVOICES = 20_000
CONFIRMATIONS = 20
EXPOSURE_CUSTOMERS = 10_000
BLOCKED_FILTER_QUOTATIONS = 1_000
TARGETS = {
    "posting_overhead": 0.03,
    "confirm_ms": 0.003,
    "confirm_queries": 3,
    "check": 0.050,
    "exposure_page": 1.0,
    "exposure_read": 1.0,
    "blocked_filter": 1.0,
    "over_limit_filter": 0.1,
    "over_limit_stale": 0.3,
}
EXPOSURE_FIELDS = [
    "credit_limit_amount",
    "credit_receivable_amount",
    "credit_overdue_amount",
    "credit_exposure",
    "credit_available",
    "credit_usage_percent",
    "credit_hold",
]


def ensure_big_customer(env):
    big = env["res.partner"].search([("name", "=", "Bench Big Customer")], limit=1)
    if big:
        return big
    print(f"Generating a customer with {BIG_CUSTOMER_INVOICES:,} open invoices...", flush=True)
    big = env["res.partner"].create({"name": "Bench Big Customer", "is_company": True})
    template = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": big.id,
            "invoice_date": fields.Date.today() - timedelta(days=60),
            "ref": "BENCH-BIG",
            "invoice_line_ids": [
                Command.create({"name": "Bench", "quantity": 1, "price_unit": 50.0, "tax_ids": []})
            ],
        }
    )
    template.action_post()
    env.flush_all()
    copy_invoice(env, template, BIG_CUSTOMER_INVOICES - 1, "BENCH-BIG/")
    big.with_company(env.company).credit_limit = 1_000_000.0
    return big


class QuotationConfirmer:
    """Confirms, one at a time, quotations of customers that each owe one posted invoice
    (their exposure stored, as a few minutes after it changed); nothing is committed."""

    def __init__(self, env, count):
        self.env = env
        product = env["product.product"].create({"name": "Bench Goods", "list_price": 10.0})
        customers = env["res.partner"].create(
            [{"name": f"Confirming Customer {i}", "is_company": True} for i in range(count)]
        )
        invoices = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_line_ids": [
                        Command.create({"name": "Goods", "price_unit": 100.0, "tax_ids": []})
                    ],
                }
                for customer in customers
            ]
        )
        invoices.action_post()
        self.quotations = iter(
            env["sale.order"].create(
                [
                    {
                        "partner_id": customer.id,
                        "order_line": [
                            Command.create({"product_id": product.id, "product_uom_qty": 1})
                        ],
                    }
                    for customer in customers
                ]
            )
        )
        if "credit.exposure.store" in env:
            env["credit.exposure.store"]._cron_store_stale()
        env.flush_all()

    def confirm_next(self):
        """(seconds, queries) of confirming the next quotation, read afresh."""
        order = next(self.quotations)
        self.env.invalidate_all()
        order = order.browse(order.id)
        queries = self.env.cr.sql_log_count
        start = time.perf_counter()
        order.action_confirm()
        self.env.flush_all()
        seconds = time.perf_counter() - start
        assert order.state == "sale", order.state
        return seconds, self.env.cr.sql_log_count - queries


def confirmation_overhead(args):
    """Median time and query count of confirming one quotation with the module less
    without it, quotations alternating between the two databases (ABBA)."""
    results = {"without": [], "with": []}
    with (
        odoo_env(args, args.baseline_database) as without_env,
        odoo_env(args, args.empty_database) as with_env,
    ):
        confirmers = {
            "without": QuotationConfirmer(without_env, CONFIRMATIONS + 2),
            "with": QuotationConfirmer(with_env, CONFIRMATIONS + 2),
        }
        for confirmer in confirmers.values():  # warm-up: caches of the first confirmation
            confirmer.confirm_next()
            confirmer.confirm_next()
        for index in range(CONFIRMATIONS):
            for label in ("without", "with") if index % 2 == 0 else ("with", "without"):
                results[label].append(confirmers[label].confirm_next())
        without_env.cr.rollback()
        with_env.cr.rollback()
    medians = {
        label: (statistics.median(s for s, _q in runs), max(q for _s, q in runs))
        for label, runs in results.items()
    }
    print(
        f"(b) confirming one quotation, median of {CONFIRMATIONS}: without "
        f"{medians['without'][0] * 1000:.1f} ms / {medians['without'][1]} queries, with "
        f"{medians['with'][0] * 1000:.1f} ms / {medians['with'][1]} queries",
        flush=True,
    )
    extra_ms = (medians["with"][0] - medians["without"][0]) * 1000
    extra_queries = medians["with"][1] - medians["without"][1]
    print(f"    overhead: {extra_ms:+.1f} ms, {extra_queries:+d} queries", flush=True)
    return extra_ms / 1000, extra_queries


def confirmation_check(env, big):
    """The check of one quotation for a customer with 20,000 open invoices and for one
    with a single invoice, in the same database: the same queries, about the same time."""
    small = QuotationConfirmer(env, 1).quotations
    small_order = next(small)
    product = small_order.order_line.product_id
    big.with_company(env.company).credit_limit = 2_000_000.0  # the order goes through
    big_order = env["sale.order"].create(
        {
            "partner_id": big.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
        }
    )
    env["credit.exposure.store"]._cron_store_stale()
    env.flush_all()
    open_lines = env["credit.exposure"]._figures(big, env.company)[big.id]
    print(f"    {big.name}: open receivables {open_lines.receivable:,.2f}", flush=True)
    results = {}
    for label, order in (("20,000 open invoices", big_order), ("1 open invoice", small_order)):
        seconds, message = measure(env, f"    check, {label}", order._confirmation_error_message, 5)
        assert not message, message
        env.invalidate_all()
        before = env.cr.sql_log_count
        order._confirmation_error_message()
        print(f"    queries for the check: {env.cr.sql_log_count - before}", flush=True)
        results[label] = seconds
    big.with_company(env.company).credit_limit = 1_000_000.0
    seconds, message = measure(
        env, "    check refused, with its message", big_order._confirmation_error_message, 5
    )
    assert "exceed its credit limit" in message, message
    return results["20,000 open invoices"]


def exposure_reads(env):
    partners = env["res.partner"].search(
        [("name", "like", "Bench Customer")], limit=EXPOSURE_CUSTOMERS, order="id"
    )
    view_fields = {
        name: {} for name in ["complete_name", "country_id", "user_id", *EXPOSURE_FIELDS]
    }
    page, _result = measure(
        env,
        "(c) Customer Balances list, first page of 80",
        lambda: partners.web_search_read([("id", "in", partners.ids)], view_fields, limit=80),
    )
    read, rows = measure(
        env,
        f"    exposure fields of {len(partners):,} customers",
        lambda: partners.read(EXPOSURE_FIELDS),
    )
    print(
        f"    total exposure read: {sum(row['credit_exposure'] for row in rows):,.2f}", flush=True
    )
    return page, read


def blocked_filter(env):
    partners = env["res.partner"].search(
        [("name", "like", "Bench Customer")], limit=BLOCKED_FILTER_QUOTATIONS, order="id desc"
    )
    partners[: len(partners) // 2].write({"credit_limit": 1_000.0})
    product = env["product.product"].create({"name": "Bench Quoted", "list_price": 10.0})
    quotations = env["sale.order"].create(
        [
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
            }
            for partner in partners
        ]
    )
    env.flush_all()
    seconds, count = measure(
        env,
        f"(d) Credit Blocked filter, {len(quotations):,} quotations",
        lambda: env["sale.order"].search_count([("credit_blocked", "=", True)]),
        5,
    )
    print(f"    blocked: {count:,}", flush=True)
    return seconds


def over_limit_filter(env):
    """The Over Credit Limit filter in the states users meet: every exposure stored
    (limits written since do not make it stale: the limit is read live), right after
    a mass change listed every customer as changed (what the triggers write after an
    import touching all their open items), after a busy few minutes (1,000 changed),
    and once the scheduled action stored them again."""
    partners = env["res.partner"].search([("name", "like", "Bench Customer")], order="id")
    half = len(partners) // 2
    partners[:half].write({"credit_limit": 1.0})  # every one of them owes more
    partners[half:].write({"credit_limit": 1e9})
    env.flush_all()

    def count():
        return env["res.partner"].search_count([("credit_available", "<", 0)])

    view_fields = {name: {} for name in ["complete_name", *EXPOSURE_FIELDS]}

    def first_page():
        return env["res.partner"].web_search_read(
            [("credit_available", "<", 0)], view_fields, limit=80
        )

    label = f"(e) Over Credit Limit filter, {len(partners):,} customers with a limit"
    stored, over = measure(env, f"{label}, stored", count, 5)
    print(f"    over their limit: {over:,}", flush=True)
    measure(env, "    its first page of 80 in Customer Balances", first_page)
    results = {"over_limit_filter": stored}
    for changed, name in ((len(partners), "over_limit_stale"), (1_000, None)):
        env.cr.execute("DELETE FROM credit_exposure_stale")
        env.cr.execute(  # what the triggers list after a statement touching their open items
            "INSERT INTO credit_exposure_stale (partner_id, company_id)"
            " SELECT DISTINCT line.partner_id, line.company_id FROM account_move_line line"
            " WHERE line.partner_id = ANY(%s) AND NOT line.reconciled",
            [partners[:: len(partners) // changed].ids],
        )
        env.cr.execute("ANALYZE credit_exposure_stale")
        seconds, result = measure(env, f"    the same, right after {changed:,} changed", count, 5)
        assert result == over, (result, over)
        measure(env, "    its first page of 80", first_page)
        if name:
            results[name] = seconds
    store = env["credit.exposure.store"]
    measure(env, "    scheduled action storing the 1,000", store._cron_store_stale, 1)
    measure(env, "    the filter once they are stored", count, 5)
    return results


def settle_stale(env, database):
    """The state users are in a few minutes after a change: the scheduled action
    stored the exposures the dataset changed (committed), autovacuum cleaned up."""
    env.cr.execute("SELECT COUNT(*) FROM credit_exposure_stale")
    if env.cr.fetchone()[0]:
        store = env["credit.exposure.store"]
        measure(env, "storing the exposures the dataset changed", store._cron_store_stale, 1)
        env.cr.commit()
    vacuum(database, ["credit_exposure_stale", "credit_exposure_stored"])


def main():
    args = parse_args(__doc__.splitlines()[0], baseline=True)
    results = {"posting_overhead": 0.0 if args.skip_posting else posting_overhead(args)}
    results["confirm_ms"], results["confirm_queries"] = confirmation_overhead(args)
    with odoo_env(args) as env:
        ensure_dataset(env)
        big = ensure_big_customer(env)
        env.cr.commit()
        settle_stale(env, args.database)
        results["check"] = confirmation_check(env, big)
        results["exposure_page"], results["exposure_read"] = exposure_reads(env)
        results["blocked_filter"] = blocked_filter(env)
        results.update(over_limit_filter(env))
        env.cr.rollback()
    failed = [name for name, target in TARGETS.items() if results[name] > target]
    for name, target in TARGETS.items():
        verdict = "over" if name in failed else "ok"
        print(f"{name:<17} {results[name]:8.3f}   target {target:6.3f}   {verdict}")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
