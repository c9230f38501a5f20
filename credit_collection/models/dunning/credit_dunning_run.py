from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .credit_dunning_dispatcher import BATCH_SIZE


class CreditDunningRun(models.Model):
    """A dunning run of one company at one date.

    A preview plans the communications and sends nothing; *Send* sends them.
    The scheduled actions (``credit.dunning.dispatcher``) plan today's run of
    each company and send it in batches on every free cron worker.
    """

    _name = "credit.dunning.run"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Dunning Run"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    state = fields.Selection(
        [("preview", "Preview"), ("running", "Sending"), ("done", "Done")],
        default="preview",
        required=True,
        readonly=True,
    )
    communication_ids = fields.One2many("credit.dunning.communication", "run_id")
    communication_count = fields.Integer(compute="_compute_counts")
    sent_count = fields.Integer(string="Sent", compute="_compute_counts")
    failed_count = fields.Integer(compute="_compute_counts")
    remaining_count = fields.Integer(
        string="To Send", compute="_compute_counts", help="Planned communications not sent yet."
    )
    progress = fields.Float(
        compute="_compute_counts",
        help="Share of the communications handled (sent, failed, dropped).",
    )
    letter_count = fields.Integer(compute="_compute_counts")
    outside_sending_hours = fields.Boolean(
        compute="_compute_outside_sending_hours",
        help="Now is outside the company's sending hours: the scheduled action waits for them.",
    )
    bounced_count = fields.Integer(
        string="Undeliverable",
        compute="_compute_counts",
        help="E-mails that bounced, were refused or had no address: the next level goes by letter.",
    )

    @api.depends("date", "company_id")
    def _compute_name(self):
        for run in self:
            run.name = self.env._("Dunning of %(date)s", date=run.date)

    @api.depends("company_id")
    def _compute_outside_sending_hours(self):
        for run in self:
            run.outside_sending_hours = not run.company_id._credit_sending_hours_open()

    @api.depends("communication_ids.state")
    def _compute_counts(self):
        bounced = dict(
            self.env["credit.dunning.communication"]._read_group(
                [("run_id", "in", self.ids), ("bounced", "=", True)], ["run_id"], ["__count"]
            )
        )
        counts = {
            (run.id, state): count
            for run, state, count in self.env["credit.dunning.communication"]._read_group(
                [("run_id", "in", self.ids)], ["run_id", "state"], ["__count"]
            )
        }
        for run in self:
            total = sum(
                counts.get((run.id, state), 0) for state in ("draft", "sent", "failed", "cancelled")
            )
            run.communication_count = total
            run.sent_count = counts.get((run.id, "sent"), 0)
            run.failed_count = counts.get((run.id, "failed"), 0)
            run.remaining_count = counts.get((run.id, "draft"), 0) if run.state != "preview" else 0
            run.progress = 100.0 * (total - run.remaining_count) / total if total else 100.0
            run.letter_count = len(run._letters())
            run.bounced_count = bounced.get(run, 0)

    def _letters(self):
        return self.communication_ids.filtered(
            lambda c: c.channel in ("letter", "formal_notice") and c.state in ("draft", "sent")
        )

    @api.model
    def _plan_run(self, company, state="preview"):
        run = self.create({"company_id": company.id, "state": state})
        plan = self.env["credit.dunning.planner"]._plan(company, run.date)
        by_letter = self.env["credit.dunning.communication"]._letter_fallback_partners(
            company, self.env["res.partner"].browse([step.partner_id for step in plan])
        )
        for step in plan:
            step.by_letter = step.partner_id in by_letter
        run._insert_communications(plan)
        run._after_planning(plan)
        return run

    def _after_planning(self, plan):
        """Hook: what a run does with the notes of its DunningPlan (l10n_fr warns
        of missing interest rates)."""

    def _insert_communications(self, plan):
        """Store the planned communications and their invoices, in two INSERTs.

        A run plans up to one communication per customer and one line per open
        invoice: the ORM's create would take tens of seconds on large ledgers
        for these two models of ours, which have no create logic.
        """
        if not plan:
            return
        currency = self.company_id.currency_id
        now = fields.Datetime.now()
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO credit_dunning_communication (
                    run_id, company_id, partner_id, level_id, state, failure_reason, letter_fallback,
                    amount_total, interest_total, indemnity_total, invoiced_total, amount_claimed,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(run)s, %(company)s, step.partner_id, step.level_id,
                       CASE WHEN step.failure = '' THEN 'draft' ELSE 'failed' END,
                       NULLIF(step.failure, ''), step.by_letter,
                       step.amount, step.interest, step.indemnity, step.invoiced,
                       step.amount + step.interest + step.indemnity - step.invoiced,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(partners)s::int[], %(levels)s::int[], %(amounts)s::numeric[],
                              %(interests)s::numeric[], %(indemnities)s::numeric[],
                              %(invoiced)s::numeric[], %(failures)s::text[],
                              %(by_letter)s::boolean[])
                       AS step(partner_id, level_id, amount, interest, indemnity, invoiced,
                               failure, by_letter)
             RETURNING partner_id, id
                """,
                run=self.id,
                company=self.company_id.id,
                uid=self.env.uid,
                now=now,
                partners=[step.partner_id for step in plan],
                levels=[step.level_id for step in plan],
                amounts=[currency.round(step.total) for step in plan],
                interests=[currency.round(sum(i.interest for i in step.invoices)) for step in plan],
                indemnities=[
                    currency.round(sum(i.indemnity for i in step.invoices)) for step in plan
                ],
                invoiced=[currency.round(sum(i.invoiced for i in step.invoices)) for step in plan],
                failures=[step.failure for step in plan],
                by_letter=[step.by_letter for step in plan],
            )
        )
        communication_of = dict(rows)  # one communication per customer and run
        lines = [
            (communication_of[step.partner_id], line) for step in plan for line in step.invoices
        ]
        self.env.execute_query(
            SQL(
                """
                INSERT INTO credit_dunning_communication_line (
                    communication_id, company_id, move_id, level_id, days_late,
                    amount_residual, invoice_currency_id, amount_residual_currency,
                    interest_amount, indemnity_amount, penalty_invoiced, sent,
                    create_uid, create_date, write_uid, write_date)
                SELECT line.communication_id, %(company)s, line.move_id, line.level_id,
                       line.days_late, line.residual, line.currency_id, line.residual_currency,
                       line.interest, line.indemnity, line.invoiced, false,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(communications)s::int[], %(moves)s::int[], %(levels)s::int[],
                              %(days)s::int[], %(residuals)s::numeric[], %(currencies)s::int[],
                              %(residuals_currency)s::numeric[], %(interests)s::numeric[],
                              %(indemnities)s::numeric[], %(invoiced)s::numeric[])
                       AS line(communication_id, move_id, level_id, days_late, residual,
                               currency_id, residual_currency, interest, indemnity, invoiced)
                """,
                company=self.company_id.id,
                uid=self.env.uid,
                now=now,
                communications=[communication_id for communication_id, _line in lines],
                moves=[line.move_id for _id, line in lines],
                levels=[line.level_id for _id, line in lines],
                days=[line.days_late for _id, line in lines],
                residuals=[line.residual for _id, line in lines],
                currencies=[line.currency_id for _id, line in lines],
                residuals_currency=[line.residual_currency for _id, line in lines],
                interests=[line.interest for _id, line in lines],
                indemnities=[line.indemnity for _id, line in lines],
                invoiced=[line.invoiced for _id, line in lines],
            )
        )
        self.invalidate_recordset(["communication_ids"])

    def action_preview(self):
        """Plan today's run of the current company without sending it; the user's
        previous preview of that company is replaced."""
        company = self.env.company
        previous = self.search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "preview"),
                ("create_uid", "=", self.env.uid),
            ]
        )
        previous.sudo().unlink()  # the user's own previews: controllers delete no other run
        return self._plan_run(company)._form_action()

    def _remove_old_previews(self, today):
        """Remove the previews older than each company keeps them (the daily action)."""
        previews = self.sudo().search([("state", "=", "preview")])
        previews.filtered(
            lambda run: (today - run.date).days >= run.company_id.credit_preview_keep_days
        ).unlink()

    def action_run_now(self):
        """Plan today's run of the current company and send it in the background.

        The scheduled action sends it in batches; a run already sending is
        reopened rather than planned twice.
        """
        company = self.env.company
        run = self.search([("company_id", "=", company.id), ("state", "=", "running")], limit=1)
        run = run or self._plan_run(company, state="running")
        self.env.ref("credit_collection.ir_cron_dunning_run").sudo()._trigger()
        return run._form_action()

    def _form_action(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    def action_send(self):
        for run in self:
            run.state = "running"
            run._send_batch(limit=None)

    def action_print_letters(self):
        """One PDF with every letter and formal notice of the run, for the post room."""
        self.ensure_one()
        letters = self._letters()
        if not letters:
            raise UserError(self.env._("This run has no letter to print."))
        attachment = self.env["credit.dunning.letter"]._merged_letters(
            letters, self.env._("Letters - %s.pdf", self.name), self
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    def _send_batch(self, limit=BATCH_SIZE):
        """Send up to ``limit`` communications; return how many remain."""
        self.ensure_one()
        pending = self._pending_communications()
        self.env["credit.dunning.sender"]._send(pending[:limit] if limit else pending)
        remaining = len(pending) - (min(limit, len(pending)) if limit else len(pending))
        if not remaining:
            self.state = "done"
        return remaining

    def _pending_communications(self):
        return self.communication_ids.filtered(lambda c: c.state == "draft")
