from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_amount
from odoo.tools.mail import generate_tracking_message_id


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
    letter_kind = fields.Selection(related="level_id.letter_style")
    line_ids = fields.One2many(
        "credit.dunning.communication.line", "communication_id", string="Invoices"
    )
    amount_total = fields.Monetary(string="Amount Due", compute="_compute_amounts", store=True)
    interest_total = fields.Monetary(string="Interest", compute="_compute_amounts", store=True)
    indemnity_total = fields.Monetary(
        string="Recovery Indemnities", compute="_compute_amounts", store=True
    )
    amount_claimed = fields.Monetary(
        string="Total Claimed",
        compute="_compute_amounts",
        store=True,
        help="Amount due plus late-payment interest and recovery indemnities.",
    )
    payment_deadline = fields.Date(
        compute="_compute_payment_deadline",
        help="Date by which a formal notice demands payment.",
    )
    collector_id = fields.Many2one(
        "res.users", compute="_compute_collector_id", help="Collector, or else salesperson."
    )
    reserve_of_title_text = fields.Text(compute="_compute_reserve_of_title_text")
    penalty_move_id = fields.Many2one(
        "account.move", string="Penalty Invoice", readonly=True, copy=False
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
            communication.amount_claimed = (
                communication.amount_total
                + communication.interest_total
                + communication.indemnity_total
            )

    @api.depends("run_id.date", "level_id.payment_deadline_days")
    def _compute_payment_deadline(self):
        for communication in self:
            communication.payment_deadline = communication.run_id.date + timedelta(
                days=communication.level_id.payment_deadline_days
            )

    @api.depends("partner_id", "company_id")
    def _compute_collector_id(self):
        for communication in self:
            partner = communication.partner_id.with_company(communication.company_id)
            communication.collector_id = partner.credit_collector_id or partner.user_id

    @api.depends("partner_id", "company_id")
    @api.depends_context("lang")
    def _compute_reserve_of_title_text(self):
        for communication in self:
            partner = communication.partner_id.with_company(communication.company_id)
            communication.reserve_of_title_text = (
                communication.company_id._credit_reserve_of_title_text()
                if partner.credit_reserve_of_title
                else False
            )

    def _letter_file_name(self):
        self.ensure_one()
        return f"{self.level_id.name} - {self.partner_id.name}".replace("/", "_")

    def _send(self):
        """Send these communications, for the invoices still due at their level.

        Invoices another run is sending are skipped (row locks), as are those
        paid since the run was planned or already dunned at this level. A
        failure is recorded on its communication and the others go on.
        """
        self._lock_dead_lines().unlink()
        self.filtered(lambda c: not c.line_ids).state = "cancelled"
        sendable = self.filtered("line_ids")
        for communication in sendable:
            highest = communication.line_ids.level_id.sorted("sequence")[-1]
            if communication.level_id != highest:  # its highest invoice dropped out
                communication.level_id = highest
        sent = sendable._send_emails() | sendable._schedule_calls() | sendable._escalate_to_legal()
        # Letters and formal notices are printed from the run (Print Letters).
        sent |= sendable.filtered(lambda c: c.channel in ("letter", "formal_notice"))
        sent._apply_holds()
        sent._mark_sent()

    def _lock_dead_lines(self):
        """Lock the invoices to send; return the lines not to send.

        Not to send: invoices another run has locked (``SKIP LOCKED``), paid
        since planning, or already dunned at or above the line's level. Two
        plain queries: their plans do not depend on table statistics, which a
        run's own inserts leave stale.
        """
        self.env["account.move"].flush_model(["payment_state", "dunning_level_id"])
        self.env["credit.dunning.communication.line"].flush_model()
        lines = self.env.execute_query(
            SQL(
                """
                SELECT line.id, line.move_id, level.sequence
                  FROM credit_dunning_communication_line line
                  JOIN credit_dunning_level level ON level.id = line.level_id
                 WHERE line.communication_id = ANY(%s)
                """,
                self.ids,
            )
        )
        locked = self.env.execute_query(
            SQL(
                """
                SELECT move.id, move.payment_state, COALESCE(sent.sequence, 0)
                  FROM account_move move
             LEFT JOIN credit_dunning_level sent ON sent.id = move.dunning_level_id
                 WHERE move.id = ANY(%s)
                   FOR NO KEY UPDATE OF move SKIP LOCKED
                """,
                list({move_id for _line, move_id, _sequence in lines}),
            )
        )
        sent_level = {
            move_id: sent for move_id, state, sent in locked if state in ("not_paid", "partial")
        }
        return self.env["credit.dunning.communication.line"].browse(
            line_id
            for line_id, move_id, sequence in lines
            if sent_level.get(move_id, sequence) >= sequence
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
        attachments = emails._render_email_attachments()
        emails = emails.filtered(lambda c: c.state != "failed")
        emails.line_ids.move_id._credit_ensure_portal_tokens()
        default = self.env.ref("credit_collection.mail_template_dunning_reminder")
        sent = self.browse()
        for template, batch in emails.grouped(
            lambda c: c.level_id.mail_template_id or default
        ).items():
            try:
                with self.env.cr.savepoint():
                    mails = template.send_mail_batch(
                        batch.ids, email_layout_xmlid="mail.mail_notification_light"
                    )
                sent |= batch
            except UserError:
                mails = self.env["mail.mail"]
                sent |= batch._send_emails_one_by_one(template)
            for mail in mails.filtered(lambda m: attachments.get(m.res_id)):
                mail.attachment_ids = [fields.Command.link(a.id) for a in attachments[mail.res_id]]
        return sent

    def _render_email_attachments(self):
        """{communication id: attachments}; a communication failing to render fails."""
        attachments = {}
        letters = self.env["credit.dunning.letter"]
        for communication in self.filtered(
            lambda c: c.level_id.attach_letter or c.level_id.attach_invoices
        ):
            try:
                with self.env.cr.savepoint():
                    attachments[communication.id] = letters._email_attachments(communication)
            except Exception as error:  # any rendering error fails this communication only
                communication._fail(self.env._("The letter could not be rendered: %s", error))
        return attachments

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
        calls._schedule_collector_activities(
            "mail.mail_activity_data_call",
            lambda c: self.env._("Payment reminder call: %s", c.level_id.name),
        )
        return calls

    def _escalate_to_legal(self):
        """Hand the customers over to legal recovery: automatic dunning stops for them."""
        legal = self.filtered(lambda c: c.channel == "legal")
        today = fields.Date.context_today(self)
        for company, communications in legal.grouped("company_id").items():
            # No tracking message: the run's note in the customer's chatter says it.
            partners = communications.partner_id.with_company(company)
            partners.sudo().with_context(tracking_disable=True).write(
                {"credit_legal_action": True, "credit_legal_action_date": today}
            )
        legal._schedule_collector_activities(
            "mail.mail_activity_data_todo",
            lambda c: self.env._("Hand over to legal recovery: %s", c.level_id.name),
        )
        return legal

    def _schedule_collector_activities(self, activity_xmlid, summary):
        """An activity on each customer for its collector; ``summary(communication)``."""
        if not self:
            return
        activity_type = self.env.ref(activity_xmlid)
        self.env["mail.activity"].sudo().create(
            [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": communication.partner_id.id,
                    "user_id": (communication.collector_id or self.env.user).id,
                    "summary": summary(communication),
                    "note": communication._summary(),
                    "date_deadline": activity_type._get_date_deadline(),
                }
                for communication in self
            ]
        )

    def _apply_holds(self):
        to_hold = self.filtered("level_id.credit_hold")
        for (company, level), communications in to_hold.grouped(
            lambda c: (c.company_id, c.level_id)
        ).items():
            partners = communications.partner_id.with_company(company).sudo()
            partners.filtered(lambda p: not p.credit_hold)._credit_put_on_hold(
                self.env._("Dunning level %s reached.", level.display_name)
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
        self.env.execute_query(
            SQL(
                "UPDATE credit_dunning_communication_line SET sent = true WHERE id = ANY(%s)",
                lines.ids,
            )
        )
        lines.invalidate_recordset(["sent"])
        self._record_levels_on_invoices(lines)
        self.write({"state": "sent", "sent_date": fields.Datetime.now()})
        summaries = {communication: communication._summary() for communication in self}
        self._log_notes(
            self.env["res.partner"].browse([c.partner_id.id for c in self]),
            [summaries[communication] for communication in self],
        )
        self._log_notes(
            self.env["account.move"].browse([line.move_id.id for line in lines]),
            [summaries[line.communication_id] for line in lines],
        )

    def _log_notes(self, records, texts):
        """Log ``texts[i]`` in the chatter of ``records[i]``, in one INSERT.

        A run logs a note on every customer and invoice it reminds: tens of
        thousands. The ORM would sanitise each body (most of a run's time);
        these are plain texts, escaped here.
        """
        author = self.env.user.partner_id
        now = fields.Datetime.now()
        self.env.execute_query(
            SQL(
                """
                INSERT INTO mail_message (
                    model, res_id, body, message_type, subtype_id, is_internal,
                    author_id, email_from, message_id, date,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(model)s, note.res_id, note.body, 'notification', %(subtype)s, true,
                       %(author)s, %(email_from)s, %(message_id)s, %(now)s,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(res_ids)s::int[], %(bodies)s::text[]) AS note(res_id, body)
                """,
                model=records._name,
                subtype=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                author=author.id,
                email_from=author.email_formatted or None,
                message_id=generate_tracking_message_id("message-notify"),
                now=now,
                uid=self.env.uid,
                res_ids=records.ids,
                bodies=[str(Markup("<p>%s</p>") % text) for text in texts],
            )
        )
        records.invalidate_recordset(["message_ids"])

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

    # Letters and penalties

    def action_print_letter(self):
        return self.env.ref("credit_collection.action_report_dunning_letter").report_action(self)

    def action_create_penalty_invoice(self):
        """Invoice the late-payment interest and indemnities claimed in this communication."""
        self.ensure_one()
        if self.penalty_move_id:
            raise UserError(
                self.env._(
                    "The penalty invoice %s already exists.", self.penalty_move_id.name or ""
                )
            )
        lines = self._penalty_invoice_lines()
        if not lines:
            raise UserError(
                self.env._(
                    "There is no late-payment interest nor recovery indemnity to invoice to %s.",
                    self.partner_id.display_name,
                )
            )
        self.penalty_move_id = (
            self.env["account.move"]
            .with_company(self.company_id)
            .create(
                {
                    "move_type": "out_invoice",
                    "company_id": self.company_id.id,
                    "partner_id": self.partner_id.id,
                    "currency_id": self.currency_id.id,
                    "invoice_origin": self.run_id.name,
                    "invoice_line_ids": lines,
                }
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.penalty_move_id.id,
            "view_mode": "form",
        }

    def _penalty_invoice_lines(self):
        # Late-payment interest and the recovery indemnity are damages: no VAT.
        env = self.with_context(lang=self.partner_id.lang).env  # the customer's language
        commands = []
        for line in self.line_ids:
            invoice = line.move_id.name
            for amount, label in (
                (line.interest_amount, env._("Late-payment interest on %s", invoice)),
                (line.indemnity_amount, env._("Fixed recovery indemnity for %s", invoice)),
            ):
                if not self.currency_id.is_zero(amount):
                    commands.append(
                        fields.Command.create(
                            {"name": label, "quantity": 1, "price_unit": amount, "tax_ids": []}
                        )
                    )
        return commands
