from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount


class CreditDunningCommunication(models.Model):
    """What one dunning run sends one customer: its invoices, at one level."""

    _name = "credit.dunning.communication"
    _description = "Dunning Communication"
    _order = "run_id desc, id"

    run_id = fields.Many2one("credit.dunning.run", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    level_id = fields.Many2one("credit.dunning.level", string="Level", required=True)
    channel = fields.Selection(related="level_id.channel")
    line_ids = fields.One2many(
        "credit.dunning.communication.line", "communication_id", string="Invoices"
    )
    amount_total = fields.Monetary(string="Amount Due", compute="_compute_amounts", store=True)
    interest_total = fields.Monetary(string="Interest", compute="_compute_amounts", store=True)
    indemnity_total = fields.Monetary(
        string="Recovery Indemnities", compute="_compute_amounts", store=True
    )
    state = fields.Selection(
        [
            ("draft", "To Send"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("cancelled", "Nothing Left Due"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
    )
    failure_reason = fields.Text(readonly=True)
    sent_date = fields.Datetime(readonly=True)

    @api.depends(
        "line_ids.amount_residual", "line_ids.interest_amount", "line_ids.indemnity_amount"
    )
    def _compute_amounts(self):
        for communication in self:
            lines = communication.line_ids
            communication.amount_total = sum(lines.mapped("amount_residual"))
            communication.interest_total = sum(lines.mapped("interest_amount"))
            communication.indemnity_total = sum(lines.mapped("indemnity_amount"))

    def _send(self):
        """Send these communications, for the invoices still due at their level.

        Invoices another run is sending are skipped (row locks), as are those
        paid since the run was planned or already dunned at this level. A
        failure is recorded on its communication and the others go on.
        """
        live = self._lock_live_lines()
        (self.line_ids - live).unlink()
        self.filtered(lambda c: not c.line_ids).state = "cancelled"
        sendable = self.filtered("line_ids")
        for communication in sendable:
            communication.level_id = communication.line_ids.level_id.sorted("sequence")[-1]
        sent = sendable._send_emails() | sendable._schedule_calls()
        sent |= sendable.filtered(lambda c: c.channel not in ("email", "phone"))
        sent._apply_holds()
        sent._mark_sent()

    def _lock_live_lines(self):
        moves = self.line_ids.move_id
        self.env["account.move"].flush_model(["payment_state", "dunning_level_id"])
        locked = {
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "SELECT id FROM account_move WHERE id = ANY(%s) FOR NO KEY UPDATE SKIP LOCKED",
                    moves.ids,
                )
            )
        }
        moves.invalidate_recordset(["payment_state", "dunning_level_id"])
        return self.line_ids.filtered(
            lambda line: line.move_id.id in locked
            and line.move_id.payment_state in ("not_paid", "partial")
            and (line.move_id.dunning_level_id.sequence or 0) < line.level_id.sequence
        )

    def _fail(self, reason):
        self.write({"state": "failed", "failure_reason": reason})

    def _send_emails(self):
        """Queue the e-mails, rendered in batches; return the communications sent."""
        emails = self.filtered(lambda c: c.channel == "email")
        for communication in emails.filtered(lambda c: not c.partner_id.email):
            communication._fail(
                self.env._("%s has no email address.", communication.partner_id.display_name)
            )
        emails = emails.filtered(lambda c: c.partner_id.email)
        default = self.env.ref("credit_collection.mail_template_dunning_reminder")
        sent = self.browse()
        for template, batch in emails.grouped(
            lambda c: c.level_id.mail_template_id or default
        ).items():
            try:
                with self.env.cr.savepoint():
                    template.send_mail_batch(
                        batch.ids, email_layout_xmlid="mail.mail_notification_light"
                    )
                sent |= batch
            except UserError:
                sent |= batch._send_emails_one_by_one(template)
        return sent

    def _send_emails_one_by_one(self, template):
        """After a failed batch: find which communications fail, and why."""
        sent = self.browse()
        for communication in self:
            try:
                with self.env.cr.savepoint():
                    template.send_mail(
                        communication.id, email_layout_xmlid="mail.mail_notification_light"
                    )
                sent |= communication
            except UserError as error:
                communication._fail(str(error))
        return sent

    def _schedule_calls(self):
        calls = self.filtered(lambda c: c.channel == "phone")
        for communication in calls:
            partner = communication.partner_id.with_company(communication.company_id)
            collector = partner.credit_collector_id or partner.user_id or self.env.user
            partner.sudo().activity_schedule(
                "mail.mail_activity_data_call",
                user_id=collector.id,
                summary=self.env._("Payment reminder call: %s", communication.level_id.name),
                note=communication._summary(),
            )
        return calls

    def _apply_holds(self):
        for company, communications in (
            self.filtered("level_id.credit_hold").grouped("company_id").items()
        ):
            for communication in communications:
                partner = communication.partner_id.with_company(company).sudo()
                if not partner.credit_hold:
                    partner._credit_put_on_hold(
                        self.env._("Dunning level %s reached.", communication.level_id.display_name)
                    )

    def _summary(self):
        return self.env._(
            "%(level)s: %(count)s invoice(s), %(amount)s due.",
            level=self.level_id.name,
            count=len(self.line_ids),
            amount=format_amount(self.env, self.amount_total, self.currency_id),
        )

    def _mark_sent(self):
        if not self:
            return
        lines = self.line_ids
        lines.write({"sent": True})
        self._record_levels_on_invoices(lines)
        self.write({"state": "sent", "sent_date": fields.Datetime.now()})
        # Notes in the chatter of the customers and of their invoices, written in one go.
        summaries = {communication: communication._summary() for communication in self}
        self.partner_id._message_log_batch(
            {communication.partner_id.id: summary for communication, summary in summaries.items()}
        )
        lines.move_id._message_log_batch(
            {line.move_id.id: summaries[line.communication_id] for line in lines}
        )

    def _record_levels_on_invoices(self, lines):
        # Two bookkeeping columns of posted invoices: account.move's write would
        # resynchronise every invoice's journal items for nothing (seconds per batch).
        self.env["account.move"].flush_model(["dunning_level_id", "dunning_last_date"])
        self.env.execute_query(
            SQL(
                """
                UPDATE account_move move
                   SET dunning_level_id = sent.level_id, dunning_last_date = %s
                  FROM (SELECT unnest(%s::int[]) AS move_id, unnest(%s::int[]) AS level_id) sent
                 WHERE move.id = sent.move_id
                """,
                fields.Date.context_today(self),
                [line.move_id.id for line in lines],
                [line.level_id.id for line in lines],
            )
        )
        lines.move_id.invalidate_recordset(["dunning_level_id", "dunning_last_date"])
