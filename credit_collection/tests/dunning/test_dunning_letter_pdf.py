import base64
import subprocess

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .test_dunning_letter import DunningLetterCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestDunningLetterPdf(DunningLetterCommon, HttpCase):
    """Real PDFs through wkhtmltopdf: the Odoo server serves the letter's styles."""

    def _page_count(self, pdf):
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        pages = next(
            line for line in info.stdout.decode().splitlines() if line.startswith("Pages:")
        )
        return int(pages.split()[1])

    def test_print_letters_of_a_run(self):
        other = self.env["res.partner"].create(
            {"name": "Second Debtor", "is_company": True, "city": "Nantes"}
        )
        self._invoice(1000.0, "2026-06-05")
        self._invoice(700.0, "2026-05-10", partner=other)  # a formal notice
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()
        action = run.with_context(force_report_rendering=True).action_print_letters()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        pdf = base64.b64decode(attachment.datas)
        self.assertTrue(pdf.startswith(b"%PDF"))
        # Debian's wkhtmltopdf draws text as outlines: check the pages, not the words.
        # The letters' words are checked on their HTML rendering above.
        self.assertEqual(self._page_count(pdf), 2)  # one letter each, one page each
        self.assertEqual(attachment.name, f"Letters - {run.name}.pdf")
        self.assertEqual((attachment.res_model, attachment.res_id), (run._name, run.id))
