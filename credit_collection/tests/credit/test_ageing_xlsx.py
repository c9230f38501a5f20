import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from ..common import CreditCollectionTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestAgeingWorkbook(CreditCollectionTestCommon):
    """The exported workbook, read back with openpyxl."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alpha = cls.env["res.partner"].create({"name": "Alpha Industries"})
        cls.beta = cls.env["res.partner"].create({"name": "Beta Retail"})
        cls.alpha.with_company(cls.company).credit_limit = 5000.0
        for partner, amount, due in (
            (cls.alpha, 1000.0, "2026-07-15"),  # not due
            (cls.alpha, 400.0, "2026-06-10"),  # 20 days: 1-30
            (cls.beta, 600.0, "2026-02-01"),  # 149 days: over 120
        ):
            cls._post_invoice(partner, amount, due)

    @classmethod
    def _post_invoice(cls, partner, amount, due):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": min(due, "2026-06-30"),
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Goods", "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        move.action_post()

    def _export(self, include_detail):
        wizard = self.env["credit.ageing.export"].create(
            {"date": "2026-06-30", "include_detail": include_detail}
        )
        action = wizard.action_export_xlsx()
        self.assertIn(wizard.xlsx_filename, action["url"])
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))

    def test_summary_sheet(self):
        sheet = self._export(include_detail=False)["Aged Balance"]
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        header, alpha, beta, total = rows
        self.assertEqual(
            header,
            ("Customer", "Not Due", "1-30 Days", "31-60 Days", "61-90 Days", "91-120 Days",
             "Over 120 Days", "Total", "% of Total", "Credit Limit", "Exposure"),
        )  # fmt: skip
        self.assertEqual(alpha, ("Alpha Industries", 1000, 400, 0, 0, 0, 0, 1400, 0.7, 5000, 1400))
        self.assertEqual(beta, ("Beta Retail", 0, 0, 0, 0, 0, 600, 600, 0.3, 0, 600))
        self.assertEqual(total[:8], ("Total", 1000, 400, 0, 0, 0, 600, 2000))
        self.assertEqual(sheet.freeze_panes, "B4")
        self.assertEqual(sheet.auto_filter.ref, "A3:K5")
        self.assertIn("#,##0.00", sheet["B4"].number_format)
        self.assertIn(self.company.currency_id.symbol, sheet["B4"].number_format)
        self.assertEqual(len(self._export(include_detail=False).sheetnames), 1)

    def test_detail_sheet(self):
        sheet = self._export(include_detail=True)["Detail"]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 3)
        self.assertEqual([row[0] for row in rows], ["Alpha Industries"] * 2 + ["Beta Retail"])
        self.assertEqual(sum(row[7] for row in rows), 2000)
        self.assertEqual(rows[-1][5:7], (149, "Over 120 Days"))

    def test_labels_follow_the_user_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["credit_collection"], ["fr_FR"], overwrite=True
        )
        self.env = self.env(context=dict(self.env.context, lang="fr_FR"))
        header = next(
            self._export(include_detail=False)["Solde âgé"].iter_rows(min_row=3, values_only=True)
        )
        self.assertEqual(header[:3], ("Client", "Non échu", "1-30 jours"))

    def test_weekly_mail_to_credit_managers(self):
        manager = self.env["res.users"].create(
            {
                "name": "Credit Boss",
                "login": "credit_boss",
                "email": "boss@example.com",
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "groups_id": [
                    Command.link(self.env.ref("credit_collection.group_credit_manager").id)
                ],
            }
        )
        self.env["credit.ageing.xlsx"]._cron_mail_weekly_aged_balance()
        mail = self.env["mail.mail"].search([("recipient_ids", "in", manager.partner_id.ids)])
        self.assertEqual(len(mail), 1)
        self.assertIn(self.company.name, mail.subject)
        self.assertTrue(mail.attachment_ids.name.endswith(".xlsx"))
