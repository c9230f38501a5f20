"""Posting customer invoices as users post them, with and without the module.

Scenario (a) of ``make bench-credit-limits``: in two databases without data of their own, one
with the module (EMPTY) and one with the same addons without it (BASE), a company set up as a
French company would be (EUR, the generic chart, VAT 20 %), 100 customers paying at 30 days
and 20 products. Each
batch creates 100 draft invoices of 1 to 3 product lines, half of the lines taxed, the same on
both sides (one seed), commits them (not timed), then times ``action_post()`` and the commit.
Batches alternate ABBA between the two databases in one process, so that the machine's drift
weighs on both; every batch is committed, so neither side measures inside a growing transaction.
Both databases are analysed first, so that the planner sees the same statistics on each side.

    python posting.py -c ODOO_CONF -d DATABASE --baseline-database BASE --empty-database EMPTY
        [--profile N]   # instead: cProfile of posting N invoices on each side, top entries
"""

import cProfile
import io
import pstats
import random
import statistics
import tempfile
import time

from common import odoo_env, parse_args

from odoo import Command

ROUNDS = 3
ROUND_INVOICES = 1_000
BATCH = 100
COMPANY = "Bench Posting SAS"
CUSTOMERS = 100
PRODUCTS = 20
SEED = 2026


def posting_company(env):
    """The French company the invoices are posted in (made once): EUR, the generic
    chart, a VAT 20 % sales tax, customers and products, half of them taxed."""
    company = env["res.company"].search([("name", "=", COMPANY)], limit=1)
    if not company:
        euro = env.ref("base.EUR")
        euro.active = True
        # Not the French localisation's modules: the same generic chart on both sides.
        company = (
            env["res.company"]
            .with_context(chart_template_load=True)
            .create({"name": COMPANY, "country_id": env.ref("base.fr").id, "currency_id": euro.id})
        )
        env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        company_env = env(context={"allowed_company_ids": company.ids})
        vat = company_env["account.tax"].create(
            {"name": "VAT 20 %", "amount": 20.0, "type_tax_use": "sale", "company_id": company.id}
        )
        company_env["res.partner"].create(
            [
                {"name": f"Posting Customer {i}", "is_company": True,
                 "country_id": env.ref("base.fr").id, "company_id": company.id}
                for i in range(CUSTOMERS)
            ]
        )  # fmt: skip
        company_env["product.product"].create(
            [
                {"name": f"Posting Product {i}", "list_price": 10.0 + i, "type": "consu",
                 "company_id": company.id, "taxes_id": [Command.set(vat.ids if i % 2 else [])]}
                for i in range(PRODUCTS)
            ]
        )  # fmt: skip
        env.cr.commit()
    return company


class InvoicePoster:
    """Posts batches of new customer invoices in one database, each batch committed."""

    def __init__(self, env):
        company = posting_company(env)
        self.env = env(context={"allowed_company_ids": company.ids})
        domain = [("company_id", "=", company.id)]
        self.customers = self.env["res.partner"].search(
            [*domain, ("name", "like", "Posting Customer")], order="id"
        )
        self.products = self.env["product.product"].search(
            [*domain, ("name", "like", "Posting Product")], order="id"
        )
        # As French customers have: the 30 days of the terms of sale (without a term the
        # module writes the legal due date at posting: see the README).
        term = self.env.ref("account.account_payment_term_30days")
        untermed = self.customers.filtered(lambda customer: not customer.property_payment_term_id)
        if untermed:
            untermed.property_payment_term_id = term
            self.env.cr.commit()
        self.random = random.Random(SEED)

    def analyze(self):
        """Statistics of every table, as of now. Autovacuum never analyses the tables of a
        few rows (the companies: the bench's own is one of two), and updating the module
        refreshes those it alters: the planner would see one company on one side, two on
        the other, and plan core's queries joining them differently."""
        self.env.cr.execute("ANALYZE")
        self.env.cr.commit()

    def _draft_values(self):
        lines = [
            Command.create(
                {
                    "product_id": self.random.choice(self.products).id,
                    "quantity": self.random.randint(1, 5),
                }
            )
            for _line in range(self.random.randint(1, 3))
        ]
        return {
            "move_type": "out_invoice",
            "partner_id": self.random.choice(self.customers).id,
            "invoice_line_ids": lines,
        }

    def post_batch(self, size=BATCH, profiler=None):
        """(seconds, queries) of posting ``size`` new draft invoices and committing;
        ``profiler`` (cProfile) records the posting only."""
        moves = self.env["account.move"].create([self._draft_values() for _i in range(size)])
        self.env.cr.commit()
        self.env.invalidate_all()
        moves = moves.browse(moves.ids)
        queries = self.env.cr.sql_log_count
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        moves.action_post()
        self.env.cr.commit()
        if profiler:
            profiler.disable()
        seconds = time.perf_counter() - start
        return seconds, self.env.cr.sql_log_count - queries


def posting_overhead(args):
    """Median ratio (with / without the module) of ROUNDS rounds, and the queries per
    invoice on each side."""
    ratios, queries = [], {"without": 0, "with": 0}
    with (
        odoo_env(args, args.baseline_database) as without_env,
        odoo_env(args, args.empty_database) as with_env,
    ):
        posters = {"without": InvoicePoster(without_env), "with": InvoicePoster(with_env)}
        for poster in posters.values():  # warm-up: caches of the first posting
            poster.analyze()
            poster.post_batch(10)
        for round_number in range(1, ROUNDS + 1):
            seconds = {"without": 0.0, "with": 0.0}
            for batch in range(ROUND_INVOICES // BATCH):
                for label in ("without", "with") if batch % 2 == 0 else ("with", "without"):
                    batch_seconds, batch_queries = posters[label].post_batch()
                    seconds[label] += batch_seconds
                    queries[label] += batch_queries
            ratios.append(seconds["with"] / seconds["without"])
            print(
                f"(a) round {round_number}: {ROUND_INVOICES:,} invoices (1-3 lines, half taxed) "
                f"posted and committed: without {seconds['without']:.1f} s, with "
                f"{seconds['with']:.1f} s, ratio {ratios[-1]:.3f}",
                flush=True,
            )
    median = statistics.median(ratios)
    posted = ROUNDS * ROUND_INVOICES
    print(
        f"    median ratio: {median:.3f} (overhead {median - 1:+.1%}); queries per invoice: "
        f"without {queries['without'] / posted:.2f}, with {queries['with'] / posted:.2f}",
        flush=True,
    )
    return median - 1


def profile_posting(args, invoices):
    """cProfile of posting ``invoices`` invoices on each side: the top entries."""
    with (
        odoo_env(args, args.baseline_database) as without_env,
        odoo_env(args, args.empty_database) as with_env,
    ):
        for label, env in (("without", without_env), ("with", with_env)):
            poster = InvoicePoster(env)
            poster.analyze()
            poster.post_batch(10)
            profiler, queries = cProfile.Profile(), 0
            for _batch in range(invoices // BATCH):
                queries += poster.post_batch(profiler=profiler)[1]
            path = f"{tempfile.gettempdir()}/posting-{label}-the-module.prof"
            profiler.dump_stats(path)
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("tottime").print_stats(25)
            print(
                f"==> {label} the module: {invoices} invoices, {queries} queries (stats: {path})",
                flush=True,
            )
            print(out.getvalue(), flush=True)


def main():
    args = parse_args(__doc__.splitlines()[0], baseline=True)
    if args.profile:
        profile_posting(args, args.profile)
    else:
        posting_overhead(args)


if __name__ == "__main__":
    main()
