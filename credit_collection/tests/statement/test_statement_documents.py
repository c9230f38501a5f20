import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import create_credit_users
from .common import StatementTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestStatementDocuments(StatementTestCommon):
    """What the customer reads: the printed statement in its language, the workbook."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.users = create_credit_users(cls.env, cls.company)

    def test_outstanding_statement_shows_items_ageing_and_currencies(self):
        statement = self._statement("outstanding", "2026-06-30")
        html = self._report_html("credit_collection.report_statement", statement)
        self.assertIn("Statement of account at", html)
        for name in (self.old.name, self.first.name, self.in_euros.name):
            self.assertIn(name, html)
        self.assertIn(self.second.name, html)  # 300 left after the credit note
        self.assertIn("Over 90 Days Late", html)
        self.assertIn("Open amounts by currency", html)
        self.assertIn("1,230.00", html)

    def test_activity_statement_in_french(self):
        self.customer.lang = "fr_FR"
        statement = self._statement("activity", "2026-04-30", "2026-03-01")
        html = self._report_html("credit_collection.report_statement", statement)
        self.assertIn("Relevé de compte du", html)
        self.assertIn("Solde d'ouverture", html)
        self.assertIn("Avoir", html)
        self.assertIn("1\xa0080,00", html)
        french = statement.with_context(lang="fr_FR")
        self.assertEqual(french.display_name, "Relevé des mouvements de Limit Customer, 2026-04-30")
        self.assertEqual(statement.display_name, "Activity statement of Limit Customer, 2026-04-30")
        outstanding = self._statement("outstanding", "2026-06-30").with_context(lang="fr_FR")
        self.assertEqual(outstanding.display_name, "Échéancier de Limit Customer, 2026-06-30")

    def test_workbook_reads_back(self):
        statements = self._statement("outstanding", "2026-06-30") | self._statement(
            "activity", "2026-04-30", "2026-03-01"
        )
        action = statements.action_download_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        outstanding, activity = book.worksheets
        rows = list(outstanding.iter_rows(min_row=5, values_only=True))
        self.assertEqual(rows[0][1], self.old.name)
        self.assertEqual(rows[-1][7:9], ("Total Due", 1230.0))
        rows = list(activity.iter_rows(min_row=5, values_only=True))
        self.assertEqual(rows[0][1], "Opening balance")
        self.assertEqual(rows[0][7], 1080.0)
        self.assertEqual(rows[-1][1], "Closing balance")
        self.assertEqual(rows[-1][5:8], (500.0, 500.0, 1080.0))
        self.assertEqual(len(book.sheetnames), 2)

    def test_wizard_issues_one_statement_per_customer(self):
        wizard = (
            self.env["credit.statement.wizard"]
            .with_context(
                active_model="res.partner", active_ids=[self.contact.id, self.customer.id]
            )
            .create({"kind": "outstanding"})
        )
        self.assertEqual(wizard.partner_ids, self.customer)
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "credit_collection.report_statement")
        statement = self.env["credit.statement"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(statement.state, "issued")
        wizard.write({"kind": "activity", "date_from": "2026-07-01"})
        with self.assertRaises(UserError):
            wizard.action_print()

    def test_only_credit_controllers_issue_statements(self):
        statement = self._statement("outstanding", "2026-06-30")
        salesman = self.users["salesman"]
        with self.assertRaises(AccessError):
            statement.with_user(salesman).read(["balance"])
        with self.assertRaises(AccessError):
            self.env["credit.statement.wizard"].with_user(salesman).create(
                {"partner_ids": self.customer.ids}
            )
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(salesman)._render_qweb_html(
                "credit_collection.report_statement", statement.ids
            )
        controller = self.env(user=self.users["controller"])
        html = controller["ir.actions.report"]._render_qweb_html(
            "credit_collection.report_statement", statement.ids
        )[0]
        self.assertIn(self.first.name, html.decode())
