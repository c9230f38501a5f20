from markupsafe import Markup

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.mail import generate_tracking_message_id

from .formatting import batch_formatters


class CreditDunningSender(models.AbstractModel):
    """Sends planned dunning communications: the run's side effects, apart from the plan.

    For a batch of communications: lock their invoices (a concurrent run skips
    the locked ones), drop the invoices paid or dunned since planning, then
    send by channel (e-mail, printed letter, phone call, legal escalation),
    put customers on hold where the level says so, record the level on each
    invoice and log a note in the chatter of each customer and invoice. A
    communication that fails keeps its reason and the others go on. The
    planner (``credit.dunning.planner``) decides what to send and at which
    level, also when invoices drop out at sending; this model only carries it
    out.
    """

    _name = "credit.dunning.sender"
    _description = "Dunning Sender"

    def _send(self, communications):
        """Send ``communications``, for the invoices still due at their level."""
        self._lock_dead_lines(communications).unlink()
        communications.filtered(lambda c: not c.line_ids).state = "cancelled"
        sendable = communications.filtered("line_ids")
        self.env["credit.dunning.planner"]._settle_levels(sendable)
        sent = (
            self._send_emails(sendable)
            | self._send_letters(sendable)
            | self._schedule_calls(sendable)
            | self._escalate_to_legal(sendable)
        )
        self._apply_holds(sent)
        self._mark_sent(sent)

    def _lock_dead_lines(self, communications):
        """Lock the invoices to send; return the lines not to send.

        Not to send: invoices another run has locked (``SKIP LOCKED``), paid
        since planning, or already dunned at or above the line's level. Two
        plain queries: their plans do not depend on table statistics, which a
        run's own inserts leave stale.
        """
        self.env["account.move"].flush_model(["payment_state", "dunning_level_id"])
        self.env["credit.dunning.level"].flush_model(["sequence"])
        self.env["credit.dunning.communication.line"].flush_model(
            ["communication_id", "move_id", "level_id"]
        )
        lines = self.env.execute_query(
            SQL(
                """
                SELECT line.id, line.move_id, level.sequence
                  FROM credit_dunning_communication_line line
                  JOIN credit_dunning_level level ON level.id = line.level_id
                 WHERE line.communication_id = ANY(%s)
                """,
                communications.ids,
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

    # Channels: each returns the communications it sent

    def _send_letters(self, communications):
        """Letters and formal notices are sent as they stand: the run prints them
        (*Print Letters*) for the post room."""
        return communications.filtered(lambda c: c.channel in ("letter", "formal_notice"))

    def _schedule_calls(self, communications):
        calls = communications.filtered(lambda c: c.channel == "phone")
        self._schedule_collector_activities(
            calls,
            "mail.mail_activity_data_call",
            lambda c: self.env._("Payment reminder call: %s", c.level_id.name),
        )
        return calls

    def _escalate_to_legal(self, communications):
        """Prepare legal action, never start it: the collector gets a to-do with the
        file (statement, letters sent, proof of the formal notice). A person decides,
        and ticks *Legal Recovery* on the customer, which stops its dunning."""
        legal = communications.filtered(lambda c: c.channel == "legal")
        files = self._legal_files(legal)
        self._schedule_collector_activities(
            legal,
            "mail.mail_activity_data_todo",
            lambda c: self.env._("Prepare legal action: %s", c.partner_id.name),
            note=files.get,
        )
        return legal

    def _legal_files(self, communications):
        """{communication: the file for legal action, as HTML}, with one search for the
        letters sent to every customer."""
        if not communications:
            return {}
        earlier = self.env["credit.dunning.communication"].search(
            [
                ("partner_id", "in", communications.partner_id.ids),
                ("company_id", "in", communications.company_id.ids),
                ("state", "=", "sent"),
            ],
            order="sent_date, id",
        )
        sent_to = earlier.grouped(lambda c: (c.partner_id, c.company_id))
        # Only what the files show, not every column of tens of thousands of invoices.
        communications.line_ids.fetch(["move_id", "amount_residual"])
        communications.line_ids.move_id.fetch(["name", "invoice_date_due"])
        empty = earlier.browse()
        amount, day = batch_formatters(self.env)
        return {
            communication: communication._legal_file(
                sent_to.get((communication.partner_id, communication.company_id), empty),
                amount,
                day,
            )
            for communication in communications
        }

    def _schedule_collector_activities(self, communications, activity_xmlid, summary, note=None):
        """An activity on each customer for its collector; ``summary(communication)``, and
        ``note(communication)`` (default: the communication's summary, as plain text)."""
        if not communications:
            return
        activity_type = self.env.ref(activity_xmlid)
        activities = (
            self.env["mail.activity"]
            .sudo()
            .create(
                [
                    {
                        "activity_type_id": activity_type.id,
                        "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                        "res_id": communication.partner_id.id,
                        "user_id": (communication.collector_id or self.env.user).id,
                        "summary": summary(communication),
                        "date_deadline": activity_type._get_date_deadline(),
                    }
                    for communication in communications
                ]
            )
        )
        notes = [
            note(communication) if note else Markup("<p>%s</p>") % communication._summary()
            for communication in communications
        ]
        # Notes we built from escaped text: the ORM would sanitise each one again (seconds
        # for the thousands of a run's legal escalations).
        activities.flush_recordset()
        self.env.execute_query(
            SQL(
                """
                UPDATE mail_activity activity SET note = data.note
                  FROM unnest(%s::int[], %s::text[]) AS data(id, note)
                 WHERE activity.id = data.id
                """,
                activities.ids,
                [str(text) for text in notes],
            )
        )
        activities.invalidate_recordset(["note"])

    # After sending

    def _apply_holds(self, communications):
        to_hold = communications.filtered("level_id.credit_hold")
        for (company, level), company_level in to_hold.grouped(
            lambda c: (c.company_id, c.level_id)
        ).items():
            partners = company_level.partner_id.with_company(company).sudo()
            partners.filtered(lambda p: not p.credit_hold)._credit_put_on_hold(
                self.env._("Dunning level %s reached.", level.display_name)
            )

    def _mark_sent(self, communications):
        if not communications:
            return
        lines = communications.line_ids
        lines.flush_recordset(["sent"])
        self.env.execute_query(
            SQL(
                "UPDATE credit_dunning_communication_line SET sent = true WHERE id = ANY(%s)",
                lines.ids,
            )
        )
        lines.invalidate_recordset(["sent"])
        self._record_levels_on_invoices(lines)
        communications.write({"state": "sent", "sent_date": fields.Datetime.now()})
        summaries = {communication: communication._summary() for communication in communications}
        self._log_notes(
            self.env["res.partner"].browse([c.partner_id.id for c in communications]),
            [summaries[communication] for communication in communications],
        )
        self._log_notes(
            self.env["account.move"].browse([line.move_id.id for line in lines]),
            [summaries[line.communication_id] for line in lines],
        )

    def _log_notes(self, records, texts):
        """Log ``texts[i]`` in the chatter of ``records[i]``, in one INSERT.

        A run logs a note on every customer and invoice it reminds: tens of
        thousands. The ORM would sanitise each body (most of a run's time);
        these are plain texts, escaped here. Each note has its own Message-Id.
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
                       %(author)s, %(email_from)s, note.message_id, %(now)s,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(res_ids)s::int[], %(bodies)s::text[], %(message_ids)s::text[])
                       AS note(res_id, body, message_id)
                """,
                model=records._name,
                subtype=self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
                author=author.id,
                email_from=author.email_formatted or None,
                now=now,
                uid=self.env.uid,
                res_ids=records.ids,
                bodies=[str(Markup("<p>%s</p>") % text) for text in texts],
                message_ids=[generate_tracking_message_id("message-notify") for _text in texts],
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
