import logging
import threading

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

BATCH_SIZE = 400  # communications a cron worker claims and sends in one transaction
# When e-mails attach PDF letters or invoices (wkhtmltopdf, about a second each): a batch
# must end well within the cron time limit (limit_time_real_cron, 120 s by default).
PDF_BATCH_SIZE = 20
CLAIM_ATTEMPTS = 3
SENDING_CRONS = ("credit_collection.ir_cron_dunning_run", "credit_collection.ir_cron_dunning_send")


class CreditDunningDispatcher(models.AbstractModel):
    """The scheduled actions that plan and send the dunning runs.

    The daily action plans today's run of each company and sends it in
    batches, committing after each one: an interrupted run resumes where it
    stopped, and a second run the same day finds nothing left to send. Every
    free cron worker helps: each batch is claimed with ``SKIP LOCKED`` by one
    worker (the planning action, or the *extra sender* actions), so several
    workers send one run together and no communication twice. One company's
    bad data fails its own run, never the others'.
    """

    _name = "credit.dunning.dispatcher"
    _description = "Dunning Run Dispatcher"

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
        runs = self.env["credit.dunning.run"].sudo()
        companies = self.env["res.company"].sudo().search([])
        today = fields.Date.context_today(self)
        self._before_todays_runs(today)
        runs._remove_old_previews(today)
        planned = runs.search(["|", ("state", "=", "running"), ("date", "=", today)]).filtered(
            lambda run: run.state != "preview"
        )
        for company in companies - planned.company_id:
            self.sudo().with_company(company)._plan_run_safely(company)

    @api.model
    def _before_todays_runs(self, today):
        """Hook: bring what the runs read up to ``today`` (the desk closes broken
        promises, so that their invoices are dunned again today)."""

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
        self.env["credit.dunning.run"].flush_model(["state"])
        query = SQL(
            """
            SELECT communication.id
              FROM credit_dunning_communication communication
              JOIN credit_dunning_run run ON run.id = communication.run_id
             WHERE run.state = 'running' AND communication.state = 'draft'
               AND run.company_id = ANY(%s)
          ORDER BY communication.run_id, communication.id
             LIMIT %s
               FOR NO KEY UPDATE OF communication SKIP LOCKED
            """,
            self._sending_company_ids(),
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
        self.env["credit.dunning.run"].flush_model(["state"])
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
                runs = self.env["credit.dunning.run"].sudo().browse(id_ for (id_,) in ids)
                runs.write({"state": "done"})
                self.env.flush_all()
        except SerializationFailure:
            _logger.debug("A run was closed by another worker since this transaction began")
        self._commit_progress()

    @api.model
    def _count_pending(self):
        """Communications of the runs being sent that no worker has sent yet, in the
        companies within their sending hours; the others' runs wait, and the sending
        action is scheduled for the first opening."""
        self.env["credit.dunning.communication"].flush_model(["state", "run_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT run.company_id, count(*)
                  FROM credit_dunning_communication communication
                  JOIN credit_dunning_run run ON run.id = communication.run_id
                 WHERE run.state = 'running' AND communication.state = 'draft'
              GROUP BY run.company_id
                """
            )
        )
        sending = set(self._sending_company_ids())
        waiting = (
            self.env["res.company"]
            .sudo()
            .browse(company_id for company_id, _count in rows if company_id not in sending)
        )
        openings = [time for time in (c._credit_next_sending_time() for c in waiting) if time]
        if openings:
            self.env.ref("credit_collection.ir_cron_dunning_run").sudo()._trigger(min(openings))
        return sum(count for company_id, count in rows if company_id in sending)

    @api.model
    def _sending_company_ids(self):
        """Companies whose dunning e-mails may leave now (their sending hours), and
        those sending a run by hand (``credit_send_now``)."""
        companies = self.env["res.company"].sudo().search([])
        if self.env.context.get("credit_send_now"):
            return companies.ids
        return [company.id for company in companies if company._credit_sending_hours_open()]

    def _commit_progress(self):
        if not _is_testing():
            # What is sent stays sent, and releases its locks, whatever happens next.
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _plan_run_safely(self, company):
        """Today's run of ``company``, or nothing if planning it fails: the other
        companies' runs go on (the error is logged)."""
        try:
            with self.env.cr.savepoint():
                return self.env["credit.dunning.run"]._plan_run(company, state="running")
        except Exception:  # one company's bad data must not stop the others
            _logger.exception("Planning the dunning run of %s failed", company.name)
            return self.env["credit.dunning.run"]


def _is_testing():
    return getattr(threading.current_thread(), "testing", False)
