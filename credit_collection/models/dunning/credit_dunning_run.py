import logging
import threading
from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

BATCH_SIZE = 400  # communications a cron worker claims and sends in one transaction
# When e-mails attach PDF letters or invoices (wkhtmltopdf, about a second each): a batch
# must end well within the cron time limit (limit_time_real_cron, 120 s by default).
PDF_BATCH_SIZE = 20
CLAIM_ATTEMPTS = 3
SENDING_CRONS = ("credit_collection.ir_cron_dunning_run", "credit_collection.ir_cron_dunning_send")


class CreditDunningRun(models.Model):
    """A dunning run of one company at one date.

    A preview plans the communications and sends nothing; *Send* sends them.
    The scheduled action plans today's run of each company and sends it in
    batches, committing after each one: an interrupted run resumes where it
    stopped, and a second run the same day finds nothing left to send. Every
    free cron worker helps: each batch is claimed with ``SKIP LOCKED`` by one
    worker (the planning action, or the *extra sender* actions), so several
    workers send one run together and no communication twice.
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
    rate_warning = fields.Text(
        readonly=True,
        help="Half-years whose late-payment rate is missing: the latest rate before them "
        "was used.",
    )
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

    @api.depends("date", "company_id")
    def _compute_name(self):
        for run in self:
            run.name = self.env._("Dunning of %(date)s", date=run.date)

    @api.depends("communication_ids.state")
    def _compute_counts(self):
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

    def _letters(self):
        return self.communication_ids.filtered(
            lambda c: c.channel in ("letter", "formal_notice") and c.state in ("draft", "sent")
        )

    @api.model
    def _plan_run(self, company, state="preview"):
        run = self.create({"company_id": company.id, "state": state})
        plan = self.env["credit.dunning.planner"]._plan(company, run.date)
        run._insert_communications(plan)
        run._warn_missing_rates(plan)
        return run

    def _warn_missing_rates(self, plan):
        """Say which half-years had no late-payment rate of their own, and ask a
        credit manager of the company (once) to enter them."""
        due_dates = [
            self.date - timedelta(days=invoice.days_late)
            for step in plan
            if step.include_penalties and not step.failure
            for invoice in step.invoices
            if invoice.days_late > 0
        ]
        if not due_dates:
            return
        interest = self.env["credit.late.interest"]
        rates = interest._rates(self.company_id)
        missing = interest._missing_half_years(min(due_dates), self.date, rates)
        if not missing:
            return
        periods = ", ".join(
            self.env._("H1 %s", start.year) if start.month == 1 else self.env._("H2 %s", start.year)
            for start in missing
        )
        self.rate_warning = self.env._(
            "No late-payment interest rate for %(periods)s: the latest rate before was used. "
            "Enter the missing rates in Credit & Collections > Configuration > Interest Rates.",
            periods=periods,
        )
        self._ask_managers_for_rates(periods)

    def _ask_managers_for_rates(self, periods):
        summary = self.env._("Enter the late-payment interest rates of %s", periods)
        company_runs = self.sudo().search([("company_id", "=", self.company_id.id)])
        asked = (
            self.env["mail.activity"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", company_runs.ids),
                    ("summary", "=", summary),
                ],
                limit=1,
            )
        )
        managers = self.company_id._credit_managers()
        if asked or not managers:
            return
        # The run asks, not the user who previews it: he may not assign work to managers.
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            note=self.rate_warning,
            user_id=managers[0].id,
        )

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
                    run_id, company_id, partner_id, level_id, state, failure_reason,
                    amount_total, interest_total, indemnity_total, invoiced_total, amount_claimed,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(run)s, %(company)s, step.partner_id, step.level_id,
                       CASE WHEN step.failure = '' THEN 'draft' ELSE 'failed' END,
                       NULLIF(step.failure, ''),
                       step.amount, step.interest, step.indemnity, step.invoiced,
                       step.amount + step.interest + step.indemnity - step.invoiced,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(partners)s::int[], %(levels)s::int[], %(amounts)s::numeric[],
                              %(interests)s::numeric[], %(indemnities)s::numeric[],
                              %(invoiced)s::numeric[], %(failures)s::text[])
                       AS step(partner_id, level_id, amount, interest, indemnity, invoiced,
                               failure)
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
        return self._plan_run(self.env.company)._form_action()

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

    def _plan_run_safely(self, company):
        """Today's run of ``company``, or nothing if planning it fails: the other
        companies' runs go on (the error is logged)."""
        try:
            with self.env.cr.savepoint():
                return self._plan_run(company, state="running")
        except Exception:  # one company's bad data must not stop the others
            _logger.exception("Planning the dunning run of %s failed", company.name)
            return self.browse()

    def _pending_communications(self):
        return self.communication_ids.filtered(lambda c: c.state == "draft")

    @api.model
    def _cron_run(self):
        """Plan today's run of each company, then send a batch of the runs being sent."""
        self._plan_todays_runs()
        self._commit_progress()
        self._send_next_batch()

    @api.model
    def _cron_send(self):
        """An extra cron worker's share: a batch of the runs being sent."""
        self._send_next_batch()

    @api.model
    def _plan_todays_runs(self):
        # Every company's run, whatever companies the cron's user works in.
        model = self.sudo()
        companies = self.env["res.company"].sudo().search([])
        today = fields.Date.context_today(self)
        self.env["credit.promise"].sudo()._cron_check_promises(today)  # broken ones resume now
        planned = model.search(["|", ("state", "=", "running"), ("date", "=", today)]).filtered(
            lambda run: run.state != "preview"
        )
        for company in companies - planned.company_id:
            model.with_company(company)._plan_run_safely(company)

    @api.model
    def _send_next_batch(self):
        """Claim a batch of communications to send, send it, commit, and report the
        progress in communications; wake the other sending workers while any are left."""
        batch = self._claim_batch()
        if batch:
            self.env["credit.dunning.sender"]._send(batch)
        self._commit_progress()
        self._close_sent_runs()
        remaining = self._count_pending()
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)
        if remaining:
            for xmlid in SENDING_CRONS:
                self.env.ref(xmlid).sudo()._trigger()

    @api.model
    def _claim_batch(self):
        """Communications to send, locked until this transaction ends: other
        workers skip them (``SKIP LOCKED``).

        A communication another worker sent after this transaction's snapshot
        cannot be locked (serialisation failure): claim again in a new one.
        """
        self.env["credit.dunning.communication"].flush_model(["state", "run_id", "level_id"])
        self.flush_model(["state"])
        query = SQL(
            """
            SELECT communication.id
              FROM credit_dunning_communication communication
              JOIN credit_dunning_run run ON run.id = communication.run_id
             WHERE run.state = 'running' AND communication.state = 'draft'
          ORDER BY communication.run_id, communication.id
             LIMIT %s
               FOR NO KEY UPDATE OF communication SKIP LOCKED
            """,
            self._batch_size(),
        )
        for attempt in range(1, CLAIM_ATTEMPTS + 1):
            try:
                with self.env.cr.savepoint():
                    rows = self.env.execute_query(query)
                break
            except SerializationFailure:
                if attempt == CLAIM_ATTEMPTS or _is_testing():
                    raise
                self.env.cr.rollback()  # nothing done yet: a new snapshot
        return self.env["credit.dunning.communication"].sudo().browse(id_ for (id_,) in rows)

    @api.model
    def _batch_size(self):
        """BATCH_SIZE, or fewer when e-mails left to send attach PDFs."""
        self.env["credit.dunning.communication"].flush_model(["state", "run_id", "level_id"])
        self.flush_model(["state"])
        self.env["credit.dunning.level"].flush_model(
            ["channel", "attach_letter", "attach_invoices"]
        )
        [(pdf,)] = self.env.execute_query(
            SQL(
                """
                SELECT EXISTS(
                    SELECT FROM credit_dunning_communication communication
                      JOIN credit_dunning_run run ON run.id = communication.run_id
                      JOIN credit_dunning_level level ON level.id = communication.level_id
                     WHERE run.state = 'running' AND communication.state = 'draft'
                       AND level.channel = 'email'
                       AND (level.attach_letter OR level.attach_invoices))
                """
            )
        )
        return min(BATCH_SIZE, PDF_BATCH_SIZE) if pdf else BATCH_SIZE

    @api.model
    def _close_sent_runs(self):
        """Mark done the runs being sent with nothing left to send. A run another
        worker is closing at the same time is left to it."""
        try:
            with self.env.cr.savepoint():
                ids = self.env.execute_query(
                    SQL(
                        """
                        SELECT run.id
                          FROM credit_dunning_run run
                         WHERE run.state = 'running'
                           AND NOT EXISTS (SELECT 1
                                             FROM credit_dunning_communication communication
                                            WHERE communication.run_id = run.id
                                              AND communication.state = 'draft')
                           FOR NO KEY UPDATE SKIP LOCKED
                        """
                    )
                )
                self.sudo().browse(id_ for (id_,) in ids).write({"state": "done"})
                self.env.flush_all()
        except SerializationFailure:
            _logger.debug("A run was closed by another worker since this transaction began")
        self._commit_progress()

    @api.model
    def _count_pending(self):
        """Communications of the runs being sent that no worker has sent yet."""
        self.env["credit.dunning.communication"].flush_model(["state", "run_id"])
        [(count,)] = self.env.execute_query(
            SQL(
                """
                SELECT count(*)
                  FROM credit_dunning_communication communication
                  JOIN credit_dunning_run run ON run.id = communication.run_id
                 WHERE run.state = 'running' AND communication.state = 'draft'
                """
            )
        )
        return count

    def _commit_progress(self):
        if not _is_testing():
            # What is sent stays sent, and releases its locks, whatever happens next.
            self.env.cr.commit()  # pylint: disable=invalid-commit


def _is_testing():
    return getattr(threading.current_thread(), "testing", False)
