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
        """Send this communication, for the invoices still due at this level.

        Invoices another run is sending are skipped (row locks), as are those
        paid since the run was planned or already dunned at this level.
        """
        self.ensure_one()
        live = self._lock_live_lines()
        (self.line_ids - live).unlink()
        if not live:
            self.state = "cancelled"
            return
        self.level_id = live.level_id.sorted("sequence")[-1]
        try:
            with self.env.cr.savepoint():
                self._dispatch()
        except UserError as error:
            self.write({"state": "failed", "failure_reason": str(error)})
            return
        self._mark_sent(live)

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

    def _dispatch(self):
        channel = self.level_id.channel
        if channel == "email":
            self._send_email()
        elif channel == "phone":
            self._schedule_call()
        if self.level_id.credit_hold and not self.partner_id.credit_hold:
            self.partner_id.with_company(self.company_id).sudo()._credit_put_on_hold(
                self.env._("Dunning level %s reached.", self.level_id.display_name)
            )

    def _send_email(self):
        if not self.partner_id.email:
            raise UserError(self.env._("%s has no email address.", self.partner_id.display_name))
        template = self.level_id.mail_template_id or self.env.ref(
            "credit_collection.mail_template_dunning_reminder"
        )
        template.send_mail(self.id, email_layout_xmlid="mail.mail_notification_light")

    def _schedule_call(self):
        partner = self.partner_id.with_company(self.company_id)
        collector = partner.credit_collector_id or partner.user_id or self.env.user
        partner.sudo().activity_schedule(
            "mail.mail_activity_data_call",
            user_id=collector.id,
            summary=self.env._("Payment reminder call: %s", self.level_id.name),
            note=self._summary(),
        )

    def _summary(self):
        return self.env._(
            "%(level)s: %(count)s invoice(s), %(amount)s due.",
            level=self.level_id.name,
            count=len(self.line_ids),
            amount=format_amount(self.env, self.amount_total, self.currency_id),
        )

    def _mark_sent(self, lines):
        lines.write({"sent": True})
        today = fields.Date.context_today(self)
        for level, level_lines in lines.grouped("level_id").items():
            level_lines.move_id.write({"dunning_level_id": level.id, "dunning_last_date": today})
        self.write({"state": "sent", "sent_date": fields.Datetime.now()})
        summary = self._summary()
        self.partner_id.message_post(body=summary)
        # One note per invoice, written in one go.
        lines.move_id._message_log_batch({move.id: summary for move in lines.move_id})
