import subprocess

from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .common import StatementTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestStatementPortal(StatementTestCommon, HttpCase):
    """*My Statement* on the portal: the customer's own figures only, and a real PDF."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.portal = new_test_user(
            cls.env, login="cc_statement_portal", groups="base.group_portal", **common
        )
        cls.portal.partner_id.parent_id = cls.customer
        cls.stranger = cls.env["res.partner"].create({"name": "Other Customer", "is_company": True})
        cls.stranger_invoice = cls._invoice(4444.0, "2026-06-10", partner=cls.stranger)

    def test_my_statement_shows_my_account_only(self):
        self.authenticate("cc_statement_portal", "cc_statement_portal")
        response = self.url_open("/my/statement")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Outstanding today", page)
        self.assertIn("My Statement", page)  # the breadcrumb
        self.assertIn(self.first.name, page)
        self.assertIn("1,230.00", page)
        self.assertNotIn(self.stranger_invoice.name, page)
        self.assertNotIn("4,444.00", page)

    def test_downloads_are_recorded(self):
        self.authenticate("cc_statement_portal", "cc_statement_portal")
        response = self.url_open("/my/statement/outstanding/pdf")
        self.assertEqual(response.status_code, 200)
        # Under tests Odoo renders reports as HTML (a PDF needs the context below).
        self.assertIn(
            "Statement%20Limit%20Customer%202026-06-30", response.headers["Content-Disposition"]
        )
        self.assertIn(self.first.name, response.text)
        statement = self.env["credit.statement"].search([("origin", "=", "portal")])
        self.assertEqual((statement.partner_id, statement.balance), (self.customer, 1230.0))
        workbook = self.url_open("/my/statement/activity/xlsx")
        self.assertTrue(workbook.content.startswith(b"PK"))

    def test_pdf_from_the_back_office(self):
        statement = self._statement("outstanding", "2026-06-30")
        content, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("credit_collection.report_statement", statement.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
        self.assertIn("Pages:", info.stdout.decode())

    def test_internal_users_and_visitors_are_sent_away(self):
        response = self.url_open("/my/statement", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("1,230.00", response.text)
