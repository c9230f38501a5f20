"""OCA ``partner_statement`` on the statements benchmark's customers, for comparison.

    make bench-statements   (runs this after ``statements.py``, on a copy of its database
                             with OCA's partner_statement installed from PyPI)

Renders the outstanding statements of the same 5,000 customers at today's date, as HTML,
in batches of 400, with the options of OCA's wizard left at their defaults: the figure
``statements.py`` prints as *render*. Nothing of OCA's code is part of this project.
"""

import time

from common import odoo_env, parse_args
from dunning import COMPANY

RENDER_BATCH = 400


def main():
    args = parse_args(__doc__.splitlines()[0])
    with odoo_env(args) as root_env:
        company = root_env["res.company"].search([("name", "=", COMPANY)])
        env = root_env(context=dict(root_env.context, allowed_company_ids=company.ids))
        env = env(context=dict(env.context, lang="en_US"))
        partners = env["res.partner"].search(
            [("name", "=like", "Dunned Customer %"), ("is_company", "=", True)], order="id"
        )
        wizard = (
            env["outstanding.statement.wizard"]
            .with_context(active_ids=partners.ids, active_model="res.partner")
            .create({"company_id": company.id})
        )
        data = wizard._prepare_statement()
        start, queries, size = time.perf_counter(), env.cr.sql_log_count, 0
        for index in range(0, len(partners), RENDER_BATCH):
            batch = partners[index : index + RENDER_BATCH].ids
            html, _kind = env["ir.actions.report"]._render_qweb_html(
                "partner_statement.outstanding_statement", batch, data=dict(data, partner_ids=batch)
            )
            size += len(html)
        seconds = time.perf_counter() - start
        print(
            f"OCA partner_statement render: {len(partners):,} outstanding statements' HTML in "
            f"batches of {RENDER_BATCH} in {seconds:.1f} s: "
            f"{seconds / len(partners) * 1000:.1f} ms per statement, "
            f"{env.cr.sql_log_count - queries:,} queries, {size / 1e6:.0f} MB of HTML",
            flush=True,
        )
        env.cr.rollback()


if __name__ == "__main__":
    main()
