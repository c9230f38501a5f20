from odoo import api, fields, models
from odoo.tools import SQL

# How long after it was sent an e-mail's bounce still fails its communication.
BOUNCE_DAYS = 30


class CreditDunningCommunication(models.Model):
    """Reminder e-mails that bounce or fail after they left: the communication is
    failed with the reason, the collector gets one to-do to fix the address, and
    the customer's next e-mail level goes by letter (``_letter_fallback_partners``)."""

    _inherit = "credit.dunning.communication"

    bounced = fields.Boolean(
        string="Undeliverable",
        readonly=True,
        help="The e-mail bounced, could not be delivered, or its contact has no e-mail address.",
    )
    email_to = fields.Char(string="Sent to Address", readonly=True)

    def _credit_bounce(self, reason):
        """Fail these e-mail communications with ``reason``: a text, or a function giving
        each communication's (superuser: called by the mail gateway and the mail queue)."""
        communications = self.filtered(lambda c: not c.bounced).sudo()
        if not communications:
            return
        for communication in communications:
            communication.write(
                {
                    "state": "failed",
                    "bounced": True,
                    "failure_reason": reason(communication) if callable(reason) else reason,
                }
            )
        communications._schedule_address_fixes()

    def _schedule_address_fixes(self):
        schedule_address_fixes(self.env, self)

    @api.model
    def _credit_bounced_recipients(self, partners, reason):
        """Fail the e-mails sent to ``partners`` over the last days (an incoming bounce
        names an address, not a reminder)."""
        since = fields.Datetime.subtract(fields.Datetime.now(), days=BOUNCE_DAYS)
        communications = self.sudo().search(
            [
                ("recipient_id", "in", partners.ids),
                ("state", "=", "sent"),
                ("sent_date", ">=", since),
                ("level_id.channel", "=", "email"),
                ("letter_fallback", "=", False),
            ]
        )
        communications._credit_bounce(reason)

    @api.model
    def _letter_fallback_partners(self, company, partners):
        """Of ``partners``, the customers whose latest reminder e-mail in ``company`` was
        undeliverable, to an address not changed since: their next e-mail level goes by
        letter, so that no level is skipped because an address is wrong."""
        if not partners:
            return set()
        self.flush_model()
        self.env["credit.dunning.run"].flush_model(["state"])
        self.env["credit.dunning.level"].flush_model(["channel"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (communication.partner_id)
                       communication.partner_id, communication.bounced, communication.email_to
                  FROM credit_dunning_communication communication
                  JOIN credit_dunning_level level ON level.id = communication.level_id
                  JOIN credit_dunning_run run ON run.id = communication.run_id
                 WHERE communication.company_id = %s AND communication.partner_id = ANY(%s)
                   AND level.channel = 'email' AND communication.letter_fallback IS NOT TRUE
                   AND communication.state IN ('sent', 'failed') AND run.state != 'preview'
                 ORDER BY communication.partner_id, communication.id DESC
                """,
                company.id,
                partners.ids,
            )
        )
        bounced = {partner_id: email for partner_id, was_bounced, email in rows if was_bounced}
        recipients = partners.browse(list(bounced))._credit_reminder_recipients()
        return {
            partner_id
            for partner_id, email in bounced.items()
            if (recipients[partner_id][0].email or "") == (email or "")
        }


def schedule_address_fixes(env, documents):
    """One to-do per customer of the undeliverable ``documents`` (dunning
    communications or statements) for its collector (else salesperson, else the
    user who sent them), unless one is open already."""
    activity_type = env.ref("mail.mail_activity_data_todo")
    open_todos = env["mail.activity"].search(
        [
            ("res_model", "=", "res.partner"),
            ("res_id", "in", documents.partner_id.ids),
            ("activity_type_id", "=", activity_type.id),
            ("summary", "=like", "%@%"),
        ]
    )
    waiting = {(todo.res_id, todo.summary) for todo in open_todos}
    values = []
    for document in documents:
        recipient = document.recipient_id or document.partner_id
        summary = env._(
            "Fix the e-mail address of %(contact)s (%(email)s)",
            contact=recipient.display_name,
            email=recipient.email or "",
        )
        if (document.partner_id.id, summary) in waiting:
            continue
        waiting.add((document.partner_id.id, summary))
        user = document.collector_id or document.create_uid
        values.append(
            {
                "res_model_id": env["ir.model"]._get_id("res.partner"),
                "res_id": document.partner_id.id,
                "activity_type_id": activity_type.id,
                "summary": summary,
                "note": document.failure_reason,
                "user_id": user.id,
                "date_deadline": fields.Date.context_today(documents),
            }
        )
    env["mail.activity"].create(values)
