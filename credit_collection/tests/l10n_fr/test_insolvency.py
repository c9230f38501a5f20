import html
import re

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import CreditLimitTestCommon, create_credit_users

CLAIMS_REPORT = "credit_collection.action_report_declaration_of_claims"
RETURN_REPORT = "credit_collection.action_report_claim_return_of_goods"


@tagged("post_install", "-at_install")
@freeze_time("2026-03-20")
class TestInsolvency(CreditLimitTestCommon):
    """A customer in insolvency proceedings: no dunning, deadlines, declaration of claims."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.officer = cls.env["res.partner"].create(
            {"name": "Maître Martin, mandataire judiciaire", "city": "Lyon"}
        )

    def _open_proceedings(self):
        self.customer.with_company(self.company).write(
            {
                "credit_insolvency": True,
                "credit_insolvency_kind": "receivership",
                "credit_insolvency_judgment_date": "2026-03-02",
                "credit_insolvency_publication_date": "2026-03-10",
                "credit_insolvency_officer_id": self.officer.id,
            }
        )

    def _steel_gates_invoice(self):
        """Two steel gates (goods, under reserve of title) invoiced 25 February, unpaid."""
        gate = self.env["product.product"].create({"name": "Steel Gate", "type": "consu"})
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": "2026-02-25",
                "invoice_date_due": "2026-03-25",
                "invoice_line_ids": [
                    Command.create({"product_id": gate.id, "quantity": 2, "price_unit": 150.0,
                                    "tax_ids": []})
                ],
            }
        )  # fmt: skip
        invoice.action_post()
        return invoice

    def _text(self, partner, report=CLAIMS_REPORT):
        content = self.env["ir.actions.report"]._render_qweb_html(report, partner.ids)[0]
        text = re.sub(r"<[^>]+>", " ", content.decode())
        return re.sub(r"\s+", " ", html.unescape(text)).replace(" ,", ",")

    def test_deadlines_and_reminders(self):
        customer = self.customer.with_company(self.company)
        customer.credit_reserve_of_title = True
        customer.credit_collector_id = self.users["controller"]
        self._open_proceedings()
        # Two months (R622-24) and three months (L624-9) from the BODACC publication.
        self.assertEqual(str(customer.credit_claim_deadline), "2026-05-10")
        self.assertEqual(str(customer.credit_reserve_claim_deadline), "2026-06-10")
        todos = customer.activity_ids.sorted("date_deadline")
        self.assertEqual(
            todos.mapped("summary"),
            [
                "Declare the claims on Limit Customer to the court officer by 05/10/2026",
                "Claim the goods under reserve of title from Limit Customer by 06/10/2026",
            ],
        )
        self.assertEqual(
            [str(d) for d in todos.mapped("date_deadline")], ["2026-04-26", "2026-05-27"]
        )
        self.assertEqual(todos.user_id, self.users["controller"])
        customer.credit_insolvency_publication_date = "2026-03-10"  # saved again: no duplicate
        self.assertEqual(len(customer.activity_ids), 2)

    def _planned_invoices(self):
        plan = self.env["credit.dunning.planner"]._plan(self.company)
        return {line.move_id for step in plan for line in step.invoices}

    def test_claims_before_the_judgment_are_never_dunned(self):
        declared = self._invoice(1000.0, "2026-01-15", invoice_date="2026-01-01")  # 64 days late
        self.assertIn(declared.id, self._planned_invoices())
        self._open_proceedings()  # judgment 2 March
        self.assertFalse(self._planned_invoices())
        # Supplied after the judgment (L622-17): dunned as usual once overdue.
        with freeze_time("2026-04-20"):
            after = self._invoice(300.0, "2026-04-05", invoice_date="2026-03-06")
            self.assertEqual(self._planned_invoices(), {after.id})

    def test_declaration_of_claims(self):
        due = self._invoice(1000.0, "2026-02-15", invoice_date="2026-01-15")
        later = self._invoice(500.0, "2026-04-15", invoice_date="2026-02-20")
        self._pay(due, 200.0, payment_date="2026-02-20")  # before the judgment: deducted
        self._pay(due, 300.0, payment_date="2026-03-15")  # after it: the claim stands at 800
        self._invoice(700.0, "2026-04-30", invoice_date="2026-03-05")  # after the judgment
        customer = self.customer.with_company(self.company)
        customer.credit_reserve_of_title = True
        reserved = self._steel_gates_invoice()
        self._open_proceedings()
        claims = self.env["credit.insolvency"]._claims_at_judgment(customer, self.company)
        self.assertEqual(
            [(c.move, c.amount, c.due, c.interest, c.indemnity) for c in claims],
            [
                # Accrued to the judgment (2 March), H1 2026 rate 12.15 %: on the 800.00 then
                # due, 15 days from 15 February: 800 x 12.15 % x 15 / 365 = 3.9945; on the
                # 200.00 paid 5 days late: 200 x 12.15 % x 5 / 365 = 0.3329; 4.3274 -> 4.33.
                (due, 800.0, True, 4.33, 40.0),
                (reserved, 300.0, False, 0.0, 0.0),  # not yet due: no interest, no indemnity
                (later, 500.0, False, 0.0, 0.0),
            ],
        )
        self.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        customer.write(
            {
                "credit_reserve_of_title_date": "2024-01-12",
                "credit_reserve_of_title_proof": "General terms of sale signed on 12/01/2024, art. 9",
            }
        )
        self.env.user.partner_id.function = "Credit Manager"
        text = self._text(customer)
        for expected in (
            "Maître Martin, mandataire judiciaire Lyon 03/20/2026",
            "Subject: declaration of claims against Limit Customer",
            "receivership proceedings",
            "by judgment of 03/02/2026, published in the BODACC on 03/10/2026",
            f"{due.name} 01/15/2026 02/15/2026 Due Unsecured $ 800.00 $ 4.33 $ 40.00",
            f"{reserved.name} 02/25/2026 03/25/2026 Not yet due Secured by reserve of title",
            f"{later.name} 02/20/2026 04/15/2026 Not yet due Unsecured $ 500.00",
            "under the clause agreed in writing on 01/12/2024 (article R622-23 4°",
            "proof: General terms of sale signed on 12/01/2024, art. 9",
            "Claims due at the judgment $ 800.00",
            "Claims not yet due at the judgment $ 800.00",
            "Late-payment interest accrued up to the judgment",
            "$ 4.33",
            "Fixed recovery indemnities for the claims due at the judgment",
            "Total declared $ 1,644.33",
            "within the time limit expiring on 06/10/2026",
            f"{reserved.name} Steel Gate 2.00 $ 300.00",
            "Supporting documents attached (article R622-23):",
            f"Invoice {due.name} of 01/15/2026 Invoice {reserved.name} of 02/25/2026 "
            f"Invoice {later.name} of 02/20/2026 General terms of sale signed on 12/01/2024",
            "true and sincere",
            f"{self.env.user.name} Credit Manager On behalf of {self.company.name}",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("available on request", text)
        # The button prepares the declaration and its invoices, attached to the customer.
        action = customer.action_credit_declaration_of_claims()
        self.assertEqual(action["type"], "ir.actions.act_url")
        message = customer.message_ids[0]
        self.assertIn("with 3 supporting invoices", message.body)
        # Under tests reports render as HTML: the letter, then each invoice, apart.
        self.assertEqual(len(message.attachment_ids), 4)
        self.assertIn(
            f"/web/content/{message.attachment_ids.filtered(lambda a: a.res_model == 'res.partner').id}",
            action["url"],
        )
        with self.assertRaises(AccessError):
            customer.with_user(self.users["salesman"]).action_credit_declaration_of_claims()

    def test_claims_follow_the_supply_date(self):
        # Invoiced after the judgment (2 March) for goods delivered before it: declared.
        delivered_before = self._invoice(
            400.0, "2026-04-04", invoice_date="2026-03-05", delivery_date="2026-02-27"
        )
        # Invoiced before it for goods delivered after it: a later claim, not declared.
        self._invoice(250.0, "2026-03-27", invoice_date="2026-02-25", delivery_date="2026-03-10")
        self._open_proceedings()
        customer = self.customer.with_company(self.company)
        claims = self.env["credit.insolvency"]._claims_at_judgment(customer, self.company)
        self.assertEqual(
            [(c.move, c.amount, c.due) for c in claims], [(delivered_before, 400.0, False)]
        )

    def test_individuals_owe_no_penalty_in_the_declaration(self):
        person = self.env["res.partner"].create({"name": "Jean Dupont"})
        self._invoice(1000.0, "2026-02-15", partner=person, invoice_date="2026-01-15")
        person.with_company(self.company).write(
            {"credit_insolvency": True, "credit_insolvency_judgment_date": "2026-03-02"}
        )
        claims = self.env["credit.insolvency"]._claims_at_judgment(person, self.company)
        self.assertEqual(
            [(c.amount, c.interest, c.indemnity) for c in claims], [(1000.0, 0.0, 0.0)]
        )

    def test_creditors_outside_the_courts_territory_get_two_more_months(self):
        france = self.env.ref("base.fr")
        self.company.partner_id.write({"country_id": france.id, "zip": "75008"})
        customer = self.customer.with_company(self.company)
        customer.write({"country_id": france.id, "zip": "69003"})  # Lyon: same territory
        self._open_proceedings()
        self.assertEqual(str(customer.credit_claim_deadline), "2026-05-10")  # 2 months
        customer.zip = "97400"  # Saint-Denis, Réunion: the court is overseas
        self.assertEqual(str(customer.credit_claim_deadline), "2026-07-10")  # 2 + 2 months
        customer.write({"country_id": self.env.ref("base.be").id, "zip": "1000"})
        self.assertEqual(str(customer.credit_claim_deadline), "2026-07-10")

    def test_claim_for_return_of_goods_is_a_letter_of_its_own(self):
        customer = self.customer.with_company(self.company)
        customer.credit_reserve_of_title = True
        invoice = self._steel_gates_invoice()
        self._open_proceedings()  # receivership, published 10 March: claim by 10 June
        self.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = customer.action_credit_claim_return_of_goods()
        self.assertEqual(action["type"], "ir.actions.report")
        text = self._text(customer, RETURN_REPORT)
        for expected in (
            "Registered letter with acknowledgment of receipt",
            # Receivership without an administrator: to the debtor, a copy to the court officer.
            "Limit Customer",
            "Copy to: Maître Martin, mandataire judiciaire",
            "claim for the return of goods sold under reserve of title to Limit Customer",
            "articles L624-9 and R624-13",
            f"{invoice.name} 02/25/2026 Steel Gate 2.00 $ 300.00",
            "which expire on 06/10/2026",
        ):
            self.assertIn(expected, text)
        # With an administrator designated, to him, a copy to the court officer.
        customer.credit_insolvency_administrator_id = self.env["res.partner"].create(
            {"name": "Maître Bernard, administrateur judiciaire", "city": "Lyon"}
        )
        text = self._text(customer, RETURN_REPORT)
        self.assertIn("Maître Bernard, administrateur judiciaire Lyon", text)
        self.assertIn("Copy to: Maître Martin", text)
        # In a liquidation it goes to the liquidator.
        customer.credit_insolvency_kind = "liquidation"
        self.assertNotIn("Copy to:", self._text(customer, RETURN_REPORT))
        # The declaration says the goods are claimed apart.
        self.assertIn("Listing them here is not a claim for their return", self._text(customer))
        with self.assertRaises(AccessError):
            customer.with_user(self.users["salesman"]).action_credit_claim_return_of_goods()
