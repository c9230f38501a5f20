import logging

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..dunning.credit_dunning_communication_bounce import BOUNCE_DAYS, schedule_address_fixes
from ..dunning.credit_dunning_sender_email import EMAIL_LAYOUT

_logger = logging.getLogger(__name__)

STATEMENT_REPORT = "credit_collection.action_report_statement"
# Statements a cron worker claims, renders (one PDF each, about a second) and queues in
# one transaction: well within the cron time limit.
STATEMENT_BATCH_SIZE = 20
SENDING_CRONS = (
    "credit_collection.ir_cron_statement_send",
    "credit_collection.ir_cron_statement_send_extra",
)


class CreditStatement(models.Model):
    """Sending statements by e-mail, as dunning runs send reminders: in batches a
    cron worker claims (``SKIP LOCKED``) and commits, so that several workers
    share the work, an interrupted sending resumes, and none goes twice; within
    the company's sending hours; to the customer's reminder contact with its
    copies. A statement that cannot be rendered or addressed fails alone."""

    _inherit = "credit.statement"

    outside_sending_hours = fields.Boolean(
        compute="_compute_outside_sending_hours",
        help="Now is outside the company's sending hours: statements to send wait for them.",
    )

    @api.depends("company_id")
    def _compute_outside_sending_hours(self):
        for statement in self:
            statement.outside_sending_hours = not statement.company_id._credit_sending_hours_open()

    def action_send_now(self):
        """Send these statements by e-mail at once, whatever the company's sending hours
        (the user decides, as with a dunning run's *Send Now*). A statement a sending
        worker holds is left to it: it goes once."""
        self._check_can_send()
        if len(self) > STATEMENT_BATCH_SIZE:
            raise UserError(
                self.env._(
                    "Send Now sends at most %(count)s statements at once: send the others by "
                    "e-mail, they leave within the sending hours.",
                    count=STATEMENT_BATCH_SIZE,
                )
            )
        self.flush_recordset(["state"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT id FROM credit_statement
                 WHERE id = ANY(%s) AND state != 'sent'
                   FOR NO KEY UPDATE SKIP LOCKED
                """,
                self.ids,
            )
        )
        statements = self.browse(id_ for (id_,) in rows)
        statements.write({"state": "to_send", "failure_reason": False, "bounced": False})
        # Sent as the scheduled action sends them (it renders, queues and logs as superuser).
        statements.sudo()._send_now()

    @api.model
    def _cron_send(self):
        """Send a batch of the statements waiting, commit, and wake the other
        sending workers while some are left."""
        statements = self._claim_batch()
        statements._send_now()
        self.env["credit.dunning.dispatcher"]._commit_progress()
        sending = self._sending_company_ids()
        waiting = dict(
            self.sudo()._read_group([("state", "=", "to_send")], ["company_id"], ["__count"])
        )
        remaining = sum(count for company, count in waiting.items() if company.id in sending)
        self.env["ir.cron"]._notify_progress(done=len(statements), remaining=remaining)
        if remaining:
            for xmlid in SENDING_CRONS:
                self.env.ref(xmlid).sudo()._trigger()
        # Companies outside their sending hours: wake the action when the first one opens.
        openings = [
            time
            for time in (c._credit_next_sending_time() for c in waiting if c.id not in sending)
            if time
        ]
        if openings:
            self.env.ref(SENDING_CRONS[0]).sudo()._trigger(min(openings))

    def _sending_company_ids(self):
        return self.env["credit.dunning.dispatcher"]._sending_company_ids()

    @api.model
    def _claim_batch(self):
        """Statements to send, locked until this transaction ends: other workers skip
        them. Statements another worker sent since this transaction began cannot be
        locked: claim again in a new transaction (the action is woken again)."""
        self.flush_model(["state", "company_id"])
        try:
            with self.env.cr.savepoint():
                rows = self.env.execute_query(
                    SQL(
                        """
                        SELECT id FROM credit_statement
                         WHERE state = 'to_send' AND company_id = ANY(%s)
                      ORDER BY id
                         LIMIT %s
                           FOR NO KEY UPDATE SKIP LOCKED
                        """,
                        self._sending_company_ids(),
                        STATEMENT_BATCH_SIZE,
                    )
                )
        except SerializationFailure:
            self.env.ref(SENDING_CRONS[0]).sudo()._trigger()
            return self.sudo().browse()
        return self.sudo().browse(id_ for (id_,) in rows)

    def _queue_sending(self):
        """Mark these statements to send and wake the sending action."""
        self._check_can_send()
        self.write({"state": "to_send", "failure_reason": False, "bounced": False})
        self.env.ref(SENDING_CRONS[0]).sudo()._trigger()

    def _send_now(self):
        """Address, render and queue the e-mails of these statements."""
        if not self:
            return
        self._address()
        self.filtered(lambda s: not s.email_to)._credit_bounce(
            lambda s: self.env._("%s has no email address.", s.recipient_id.display_name)
        )
        statements = self.filtered("email_to")
        attachments = statements._render_attachments()
        statements = statements.filtered(lambda s: s.state == "to_send")
        template = self.env.ref("credit_collection.mail_template_statement")
        for statement in statements:
            try:
                with self.env.cr.savepoint():
                    mail_id = template.send_mail(statement.id, email_layout_xmlid=EMAIL_LAYOUT)
                    mail = self.env["mail.mail"].browse(mail_id)
                    mail.attachment_ids = [fields.Command.link(attachments[statement.id].id)]
            except UserError as error:
                statement.write({"state": "failed", "failure_reason": str(error)})
        sent = statements.filtered(lambda s: s.state == "to_send")
        sent.write({"state": "sent", "sent_date": fields.Datetime.now()})
        self.env["credit.dunning.sender"]._log_notes(
            sent.partner_id.browse([s.partner_id.id for s in sent]),
            [self.env._("Statement sent: %s", s.display_name) for s in sent],
        )

    def _address(self):
        recipients = self.partner_id._credit_reminder_recipients()
        for statement in self:
            recipient, copies = recipients[statement.partner_id.id]
            statement.write(
                {
                    "recipient_id": recipient.id,
                    "email_to": recipient.email or False,
                    "email_cc": ", ".join(copies.mapped("email_formatted")) or False,
                }
            )

    def _render_attachments(self):
        """{statement id: its PDF}; a statement failing to render fails alone."""
        attachments = {}
        for statement in self:
            try:
                with self.env.cr.savepoint():
                    attachments[statement.id] = statement._pdf_attachment()
            except Exception as error:  # any rendering error fails this statement only
                statement.write(
                    {
                        "state": "failed",
                        "failure_reason": self.env._(
                            "The statement could not be rendered: %s", error
                        ),
                    }
                )
        return attachments

    def _pdf_attachment(self):
        self.ensure_one()
        content, extension = self.env["ir.actions.report"]._render_qweb_pdf(
            STATEMENT_REPORT, self.ids
        )
        return self.env["ir.attachment"].create(
            {
                "name": self._file_name(extension),
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
            }
        )

    # Monthly statements

    @api.model
    def _cron_monthly(self):
        """Queue last month's statements of the customers who receive one monthly, in
        every company; a company whose statements fail to plan is logged, the others
        go on. Run twice, it plans nothing more."""
        today = fields.Date.context_today(self)
        date_to = today.replace(day=1) - fields.date.resolution
        date_from = date_to.replace(day=1)
        for company in self.env["res.company"].sudo().search([]):
            try:
                with self.env.cr.savepoint():
                    self.sudo().with_company(company)._plan_monthly(company, date_from, date_to)
            except Exception:  # one company's bad data must not stop the others
                _logger.exception("Planning the monthly statements of %s failed", company.name)
            self.env["credit.dunning.dispatcher"]._commit_progress()
        self.env.ref(SENDING_CRONS[0]).sudo()._trigger()

    def _plan_monthly(self, company, date_from, date_to):
        kind = company.credit_statement_kind
        partners = self._monthly_customers(company, kind, date_from, date_to)
        done = self.search(
            [("company_id", "=", company.id), ("origin", "=", "monthly"),
             ("kind", "=", kind), ("date_to", "=", date_to)]
        ).partner_id  # fmt: skip
        self.create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "kind": kind,
                    "date_from": date_from if kind == "activity" else False,
                    "date_to": date_to,
                    "origin": "monthly",
                    "state": "to_send",
                }
                for partner in partners - done
            ]
        )

    def _monthly_customers(self, company, kind, date_from, date_to):
        """Customers opted in (on themselves or by their risk segment) with something to
        show: an open balance, or for an activity statement any entry in the period."""
        statements = self.env["credit.statement.ledger"]
        ids = set(statements._customers_with_balance(company, date_to))
        if kind == "activity":
            ids.update(statements._customers_with_entries(company, date_from, date_to))
        partners = self.env["res.partner"].browse(sorted(ids)).with_company(company)
        return partners.filtered("credit_statement_monthly")

    @api.model
    def _credit_bounced_recipients(self, partners, reason):
        """Fail the statements e-mailed to ``partners`` over the last days."""
        since = fields.Datetime.subtract(fields.Datetime.now(), days=BOUNCE_DAYS)
        self.sudo().search(
            [("recipient_id", "in", partners.ids), ("state", "=", "sent"),
             ("sent_date", ">=", since)]
        )._credit_bounce(reason)  # fmt: skip

    def _credit_bounce(self, reason):
        """Fail these statements' e-mails with ``reason`` (a text, or a function giving
        each statement's), and give the collector a to-do to fix the address."""
        for statement in self.filtered(lambda s: not s.bounced).sudo():
            statement.write(
                {
                    "state": "failed",
                    "bounced": True,
                    "failure_reason": reason(statement) if callable(reason) else reason,
                }
            )
        schedule_address_fixes(self.env, self.filtered("bounced"))
