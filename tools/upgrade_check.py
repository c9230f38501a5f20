"""The upgrade check's steps, run in ``odoo-bin shell`` (see ``make upgrade-check``).

    python odoo-bin shell ... < tools/upgrade_check.py   with UPGRADE_STEP and UPGRADE_STATE set

* ``load`` (with the oldest supported release): a year of a French company's books,
  a dunning run half sent, a penalty invoice billed and posted;
* ``snapshot`` (before and after the update): what a dunning run would plan, the
  customers' exposures and the ageing, written to ``$UPGRADE_STATE/<name>.json``;
* ``verify`` (after the update): the penalty invoice is recognised, nothing is billed
  twice, and the two snapshots are equal.

Only APIs both versions have are used in ``snapshot``.
"""

import json
import os
from datetime import date, timedelta
from pathlib import Path

from odoo import Command

STEP = os.environ["UPGRADE_STEP"]
STATE = Path(os.environ["UPGRADE_STATE"])
TODAY = date.today()


def load(env):
    company = env.company
    company.write({"country_id": env.ref("base.fr").id})
    product = env["product.product"].create({"name": "Goods", "list_price": 500.0})
    customers = env["res.partner"].create(
        [
            {
                "name": f"Upgrade Customer {i}",
                "is_company": i % 4 != 0,  # one in four a private individual
                "email": f"u{i}@example.com",
                "country_id": env.ref("base.fr").id,
            }
            for i in range(24)
        ]
    )
    customers[:8].with_company(company).write({"credit_limit": 5000.0})
    customers[8]._credit_put_on_hold("Cheque returned")
    invoices = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": TODAY - timedelta(days=days + 30),
                "invoice_date_due": TODAY - timedelta(days=days),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "price_unit": 100.0 * (1 + days % 7),
                            "tax_ids": [],
                        }
                    )
                ],
            }
            for customer in customers
            for days in (-10, 5, 20, 45, 70, 150, 330)
        ]
    )
    invoices.action_post()
    # Payments in full and in part, and credit notes.
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=invoices[::6].ids
    ).create({"group_payment": False})._create_payments()
    for invoice in invoices[1::9]:
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": invoice.amount_total / 3})._create_payments()
    refunds = (
        env["account.move.reversal"]
        .with_context(active_model="account.move", active_ids=invoices[2::11].ids)
        .create({"journal_id": invoices[0].journal_id.id, "reason": "Returned goods"})
    )
    refunds.refund_moves()
    env["account.move"].search(
        [("move_type", "=", "out_refund"), ("state", "=", "draft")]
    ).action_post()
    runs = env["credit.dunning.run"].with_company(company)
    run = runs._plan_run(company, state="running")
    run._send_batch(limit=5)  # half sent, as when a worker stops
    # A professional customer's interest and the fixed indemnity (a communication sent).
    billable = run.communication_ids.filtered(lambda c: c.interest_total and c.indemnity_total)
    communication = billable.filtered(lambda c: c.state == "sent")[:1]
    if not communication:
        communication = billable[:1]
        communication._send()
    penalty = env["account.move"].browse(communication.action_create_penalty_invoice()["res_id"])
    penalty.action_post()
    credit_notes = env["account.move"].search_count([("move_type", "=", "out_refund")])
    print(
        f"loaded: {len(invoices)} invoices, {credit_notes} credit notes, run {run.name} half "
        f"sent, penalty invoice {penalty.name} ({penalty.amount_total:.2f}: interest "
        f"{communication.interest_total:.2f}, indemnities {communication.indemnity_total:.2f}) "
        f"for {communication.partner_id.name}"
    )
    (STATE / "penalty.json").write_text(
        json.dumps({"communication": communication.id, "penalty": penalty.id})
    )
    env.cr.commit()


def plain(value):
    return value.id if hasattr(value, "_name") else value


def snapshot(env, name):
    company = env.company
    plan = env["credit.dunning.planner"]._plan(company)
    planned = sorted(
        [plain(line.move_id), plain(line.level_id)] for step in plan for line in step.invoices
    )
    customers = env["res.partner"].search([("name", "like", "Upgrade Customer")])
    figures = env["credit.exposure"]._figures(customers.with_company(company), company)
    exposures = {
        str(partner_id): [round(f.receivable, 2), round(f.overdue, 2), round(f.exposure, 2)]
        for partner_id, f in figures.items()
    }
    ageing = sorted(
        [row["move_line_id"][0], row["bucket"], round(row["amount_residual"], 2)]
        for row in env["credit.ageing.line"].search_read(
            [], ["move_line_id", "bucket", "amount_residual"]
        )
    )
    data = {"planned": planned, "exposures": exposures, "ageing": ageing}
    (STATE / f"{name}.json").write_text(json.dumps(data, sort_keys=True))
    print(f"snapshot {name}: {len(planned)} invoices planned, {len(ageing)} ageing lines")


def verify(env):
    failures = []
    ids = json.loads((STATE / "penalty.json").read_text())
    communication = env["credit.dunning.communication"].browse(ids["communication"])
    penalty = env["account.move"].browse(ids["penalty"])
    if not penalty.credit_penalty_invoice:
        failures.append(f"{penalty.name} is not recognised as a penalty invoice")
    claims = [
        (line.move_id, line.interest_amount, line.indemnity_amount)
        for line in communication.line_ids
    ]
    again = env["credit.penalty.invoice"]._lines(env.company, communication.partner_id, claims)
    if again:
        failures.append(f"billed twice: {len(again)} penalty lines proposed again")
    billed = env["account.move.line"]._credit_billed_penalties([move.id for move, *_ in claims])
    print(f"penalty invoice {penalty.name}: billed {billed}")
    segments = env["credit.risk.segment"].search([("code", "in", ["A", "B", "C", "D"])])
    ranges = sorted((s.code, s.score_min, s.score_max) for s in segments)
    if ranges != [("A", 80, 100), ("B", 60, 79), ("C", 40, 59), ("D", 0, 39)]:
        failures.append(f"segment score ranges not filled: {ranges}")
    rate = env.ref("credit_collection.credit_interest_rate_2025_h1")
    if rate.legal_rate_private != 7.21:
        failures.append(f"2025 H1 private creditors' rate not filled: {rate.legal_rate_private}")
    before = json.loads((STATE / "before.json").read_text())
    after = json.loads((STATE / "after.json").read_text())
    for key in ("planned", "exposures", "ageing"):
        if before[key] != after[key]:
            failures.append(f"{key} differ before and after the update")
    if failures:
        raise SystemExit("upgrade-check failed: " + "; ".join(failures))
    print(
        f"upgrade-check: penalty invoice recognised, nothing billed twice, "
        f"{len(after['planned'])} planned invoices, {len(after['exposures'])} exposures and "
        f"{len(after['ageing'])} ageing lines equal before and after"
    )


if STEP == "load":
    load(env)  # noqa: F821 (odoo shell's env)
elif STEP in ("before", "after"):
    snapshot(env, STEP)  # noqa: F821
elif STEP == "verify":
    verify(env)  # noqa: F821
else:
    raise SystemExit(f"unknown step {STEP}")
