import base64

from odoo import models
from odoo.tools.pdf import merge_pdf

LETTER_REPORT = "credit_collection.action_report_dunning_letter"
INVOICE_REPORT = "account.account_invoices"


class CreditDunningLetter(models.AbstractModel):
    """Renders dunning letters and the documents attached to dunning e-mails.

    Each letter is rendered on its own: Debian's wkhtmltopdf fails on several
    records in one document, so batches are merged page by page afterwards.
    """

    _name = "credit.dunning.letter"
    _description = "Dunning Letters"

    def _render_one(self, report_ref, record):
        """(content, extension) of ``record``'s document: a PDF, or HTML under tests."""
        return self.env["ir.actions.report"]._render_qweb_pdf(report_ref, [record.id])

    def _letter_attachment(self, communication):
        content, extension = self._render_one(LETTER_REPORT, communication)
        return self.env["ir.attachment"].create(
            {
                "name": f"{communication._letter_file_name()}.{extension}",
                "raw": content,
                "res_model": communication._name,
                "res_id": communication.id,
            }
        )

    def _invoice_attachments(self, invoices):
        attachments = invoices.invoice_pdf_report_id
        for invoice in invoices.filtered(lambda move: not move.invoice_pdf_report_id):
            content, extension = self._render_one(INVOICE_REPORT, invoice)
            attachments |= self.env["ir.attachment"].create(
                {
                    "name": invoice._get_invoice_report_filename(extension=extension),
                    "raw": content,
                    "res_model": "account.move",
                    "res_id": invoice.id,
                }
            )
        return attachments

    def _email_attachments(self, communication):
        """The letter and the open invoices to attach to ``communication``'s e-mail."""
        level = communication.level_id
        attachments = self.env["ir.attachment"]
        if level.attach_letter:
            attachments |= self._letter_attachment(communication)
        if level.attach_invoices:
            attachments |= self._invoice_attachments(communication.line_ids.move_id)
        return attachments

    def _merged_letters(self, communications, name, owner):
        """One PDF attached to ``owner``, holding the letters of ``communications`` in order."""
        pages = [self._render_one(LETTER_REPORT, c)[0] for c in communications]
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(merge_pdf(pages)),
                "mimetype": "application/pdf",
                "res_model": owner._name,
                "res_id": owner.id,
            }
        )
