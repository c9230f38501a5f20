import base64
import subprocess

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-20")
class TestDeclarationPdf(CreditLimitTestCommon, HttpCase):
    """The declaration of claims and its supporting invoices, one real PDF (R622-23:
    the documents attached under a list): the letter's pages, then each invoice's."""

    def _page_count(self, pdf):
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        line = next(row for row in info.stdout.decode().splitlines() if row.startswith("Pages:"))
        return int(line.split()[1])

    def test_declaration_with_its_invoices_in_one_pdf(self):
        self._invoice(1000.0, "2026-02-15", invoice_date="2026-01-15")
        self._invoice(500.0, "2026-04-15", invoice_date="2026-02-20")
        self.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        customer = self.customer.with_company(self.company)
        customer.write(
            {
                "credit_insolvency": True,
                "credit_insolvency_kind": "liquidation",
                "credit_insolvency_judgment_date": "2026-03-02",
                "credit_insolvency_publication_date": "2026-03-10",
            }
        )
        action = customer.with_context(force_report_rendering=True)
        action = action.action_credit_declaration_of_claims()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        pdf = base64.b64decode(attachment.datas)
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(attachment.name, "Declaration of claims - Limit Customer.pdf")
        self.assertEqual((attachment.res_model, attachment.res_id), ("res.partner", customer.id))
        # Debian's wkhtmltopdf draws text as outlines: the words are checked on the HTML
        # (test_insolvency); here, one page of letter and one page per invoice.
        self.assertEqual(self._page_count(pdf), 3)
        self.assertEqual(customer.message_ids[0].attachment_ids, attachment)
