"""Statements benchmark: 5,000 customers' outstanding statements issued, rendered and queued.

    make bench-statements   (or: python bench/statements.py -c ODOO_CONF -d DATABASE)

Uses the dunning benchmark's company (5,000 customers, 50,000 open invoices, made
once). In one transaction, rolled back at the end so that it can be repeated:

1. issue: 5,000 outstanding statements created at once, their balances read from
   the ledger (what *Issue Statements* and the monthly action do);
2. render: the statements' HTML (what wkhtmltopdf prints) in batches of 400, the same
   as ``statements_oca.py`` measures OCA's ``partner_statement`` for the same customers;
3. send: every statement e-mailed as the sending action does, batch by batch
   (address, render, attach, queue, mark sent). Odoo renders the statement's HTML
   in place of the PDF here, as under its tests: wkhtmltopdf takes about a second
   per document whatever the module, so it is timed apart;
4. pdf: real PDFs through wkhtmltopdf for a sample of statements, the styles served
   by an Odoo HTTP server started in the benchmark's process.

Prints the time per statement and the queries per batch (the same for every batch
of the same size: nothing grows with the number of customers).
"""

import statistics
import time

from common import odoo_env, parse_args
from dunning import ensure_dataset

import odoo
from odoo import fields
from odoo.service.server import ThreadedServer

BATCH = 20  # the sending action's batch (STATEMENT_BATCH_SIZE)
RENDER_BATCH = 400
PDF_SAMPLE = 5
TARGET_MS_PER_STATEMENT = 100.0  # rendered and queued, without wkhtmltopdf


def issue(env, company, partners):
    start, queries = time.perf_counter(), env.cr.sql_log_count
    statements = env["credit.statement"].create(
        [
            {"partner_id": partner_id, "company_id": company.id, "kind": "outstanding",
             "date_to": fields.Date.today(), "state": "to_send"}
            for partner_id in partners.ids
        ]
    )  # fmt: skip
    env.flush_all()
    seconds = time.perf_counter() - start
    print(
        f"issue: {len(statements):,} statements in {seconds:.2f} s "
        f"({seconds / len(statements) * 1000:.2f} ms each, "
        f"{env.cr.sql_log_count - queries:,} queries), total balance "
        f"{sum(statements.mapped('balance')):,.2f} {company.currency_id.name}",
        flush=True,
    )
    return statements


def render(env, statements):
    start, queries = time.perf_counter(), env.cr.sql_log_count
    size = 0
    for index in range(0, len(statements), RENDER_BATCH):
        batch = statements[index : index + RENDER_BATCH]
        html, _kind = env["ir.actions.report"]._render_qweb_html(
            "credit_collection.report_statement", batch.ids
        )
        size += len(html)
    seconds = time.perf_counter() - start
    print(
        f"render: {len(statements):,} statements' HTML in batches of {RENDER_BATCH} in "
        f"{seconds:.1f} s: {seconds / len(statements) * 1000:.1f} ms per statement, "
        f"{env.cr.sql_log_count - queries:,} queries, {size / 1e6:.0f} MB of HTML",
        flush=True,
    )


def send(env, statements):
    odoo.tools.config["test_enable"] = True  # HTML in place of wkhtmltopdf's PDF (see above)
    per_batch, seconds_per_batch = [], []
    start = time.perf_counter()
    for index in range(0, len(statements), BATCH):
        batch = statements[index : index + BATCH]
        begin, queries = time.perf_counter(), env.cr.sql_log_count
        batch._send_now()
        env.flush_all()
        per_batch.append(env.cr.sql_log_count - queries)
        seconds_per_batch.append(time.perf_counter() - begin)
        env.invalidate_all()  # as each cron batch starts afresh
    odoo.tools.config["test_enable"] = False
    seconds = time.perf_counter() - start
    sent = statements.filtered(lambda s: s.state == "sent")
    mails = env["mail.mail"].search_count(
        [("model", "=", "credit.statement"), ("res_id", "in", statements.ids)]
    )
    each = seconds / len(statements) * 1000
    print(
        f"send: {len(sent):,} sent, {mails:,} e-mails queued with their statement attached, "
        f"in {seconds:.1f} s: {each:.1f} ms per statement (target {TARGET_MS_PER_STATEMENT:.0f}); "
        f"batches of {BATCH}: median {statistics.median(seconds_per_batch):.2f} s, queries per "
        f"batch min {min(per_batch)} / median {statistics.median(per_batch):.0f} / max "
        f"{max(per_batch)}",
        flush=True,
    )
    return each


def serve_styles(env):
    """Serve this database over HTTP in this process, as Odoo does for its reports:
    wkhtmltopdf fetches the statement's styles from it (``report.url``)."""
    server = ThreadedServer(odoo.http.root)
    server.http_spawn()
    port = server.httpd.server_address[1]
    env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{port}")


def pdf(env, statements):
    serve_styles(env)
    timings = []
    for statement in statements[:PDF_SAMPLE]:
        begin = time.perf_counter()
        content, kind = env["ir.actions.report"]._render_qweb_pdf(
            "credit_collection.action_report_statement", statement.ids
        )
        timings.append(time.perf_counter() - begin)
        assert kind == "pdf" and content.startswith(b"%PDF"), kind
    median = statistics.median(timings)
    print(
        f"pdf: {PDF_SAMPLE} statements through wkhtmltopdf, median {median:.2f} s each: "
        f"5,000 PDFs take about {5000 * median / 2 / 60:.0f} min on the 2 sending workers",
        flush=True,
    )


def main():
    args = parse_args(__doc__.splitlines()[0])
    with odoo_env(args) as root_env:
        company = ensure_dataset(root_env)
        root_env.cr.commit()
        env = root_env(context=dict(root_env.context, allowed_company_ids=company.ids))
        env = env(context=dict(env.context, lang="en_US"))
        partners = env["res.partner"].search(
            [("name", "=like", "Dunned Customer %"), ("is_company", "=", True)], order="id"
        )
        statements = issue(env, company, partners)
        render(env, statements)
        pdf(env, statements)
        each = send(env, statements)
        env.cr.rollback()
        raise SystemExit(0 if each <= TARGET_MS_PER_STATEMENT else 1)


if __name__ == "__main__":
    main()
