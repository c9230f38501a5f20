from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

EMAIL_LAYOUT = "mail.mail_notification_light"


class CreditDunningSender(models.AbstractModel):
    """The e-mail channel: Odoo's own mail pipeline, template by template, with the
    letter and invoices attached where the level says so."""

    _inherit = "credit.dunning.sender"

    def _send_emails(self, communications):
        """Queue the e-mails, rendered in batches."""
        emails = communications.filtered(lambda c: c.channel == "email")
        self._address(emails)
        emails.filtered(lambda c: not c.recipient_id.email)._credit_bounce(
            lambda c: self.env._("%s has no email address.", c.recipient_id.display_name)
        )
        emails = emails.filtered(lambda c: c.recipient_id.email)
        attachments = self._render_email_attachments(emails)
        emails = emails.filtered(lambda c: c.state != "failed")
        emails.line_ids.move_id._credit_ensure_portal_tokens()
        default = self.env.ref("credit_collection.mail_template_dunning_reminder")
        sent = emails.browse()
        for template, batch in emails.grouped(
            lambda c: c.level_id.mail_template_id or default
        ).items():
            try:
                with self.env.cr.savepoint():
                    mails = template.send_mail_batch(batch.ids, email_layout_xmlid=EMAIL_LAYOUT)
                sent |= batch
            except UserError:
                mails = self.env["mail.mail"]
                sent |= self._send_emails_one_by_one(batch, template)
            for mail in mails.filtered(lambda m: attachments.get(m.res_id)):
                mail.attachment_ids = [fields.Command.link(a.id) for a in attachments[mail.res_id]]
        return sent

    def _address(self, communications):
        """Write who each e-mail goes to and who gets a copy, in one UPDATE."""
        recipients = communications.partner_id._credit_reminder_recipients()
        rows = [
            (communication.id, *recipients[communication.partner_id.commercial_partner_id.id])
            for communication in communications
        ]
        self.env.execute_query(
            SQL(
                """
                UPDATE credit_dunning_communication communication
                   SET recipient_id = address.recipient_id, email_to = address.email,
                       email_cc = NULLIF(address.cc, '')
                  FROM unnest(%s::int[], %s::int[], %s::text[], %s::text[])
                       AS address(id, recipient_id, email, cc)
                 WHERE communication.id = address.id
                """,
                [row[0] for row in rows],
                [row[1].id for row in rows],
                [row[1].email or None for row in rows],
                [", ".join(row[2].mapped("email_formatted")) for row in rows],
            )
        )
        communications.invalidate_recordset(["recipient_id", "email_to", "email_cc"])

    def _render_email_attachments(self, communications):
        """{communication id: attachments}; a communication failing to render fails."""
        attachments = {}
        letters = self.env["credit.dunning.letter"]
        for communication in communications.filtered(
            lambda c: c.level_id.attach_letter or c.level_id.attach_invoices
        ):
            try:
                with self.env.cr.savepoint():
                    attachments[communication.id] = letters._email_attachments(communication)
            except Exception as error:  # any rendering error fails this communication only
                communication._fail(self.env._("The letter could not be rendered: %s", error))
        return attachments

    def _send_emails_one_by_one(self, communications, template):
        """After a failed batch: find which communications fail, and why."""
        sent = communications.browse()
        for communication in communications:
            try:
                with self.env.cr.savepoint():
                    template.send_mail(communication.id, email_layout_xmlid=EMAIL_LAYOUT)
                sent |= communication
            except UserError as error:
                communication._fail(str(error))
        return sent
