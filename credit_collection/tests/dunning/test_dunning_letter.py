import html
import re

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from ..common import CreditLimitTestCommon, create_credit_users

LETTER_REPORT = "credit_collection.action_report_dunning_letter"


class DunningLetterCommon(CreditLimitTestCommon):
    """A company with its legal identity and bank account, a customer with an address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.company.write(
            {
                "company_registry": "552 100 554",
                "vat": "FR40552100554",
                "street": "1 rue de la République",
                "zip": "69001",
                "city": "Lyon",
            }
        )
        cls.env["res.partner.bank"].create(
            {"acc_number": "FR7630006000011234567890189", "partner_id": cls.company.partner_id.id}
        )
        cls.customer.write(
            {
                "street": "5 avenue Foch",
                "zip": "75016",
                "city": "Paris",
                "email": "accounts@limit-customer.example.com",
            }
        )
        cls.levels = {
            xmlid: cls.env.ref(f"credit_collection.credit_dunning_level_{xmlid}")
            for xmlid in ("friendly", "firm", "formal_notice", "legal")
        }

    def _communication(self, run=None):
        run = run or self.env["credit.dunning.run"]._plan_run(self.company)
        return run.communication_ids.filtered(lambda c: c.partner_id == self.customer)

    @classmethod
    def default_env_context(cls):
        return {}  # reminders are logged in the chatter: let the tests see them

    def _html(self, communication):
        return self._report_html(LETTER_REPORT, communication)

    def _text(self, communication):
        """The letter as a reader sees it: without tags, spaces collapsed."""
        text = re.sub(r"<[^>]+>", " ", self._html(communication))
        return re.sub(r"\s+", " ", html.unescape(text)).replace(" .", ".").replace(" )", ")")


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestDunningLetter(DunningLetterCommon):
    """Letters, e-mail attachments and legal escalation."""

    def test_friendly_letter(self):
        invoice = self._invoice(300.0, "2026-06-20")  # 10 days late
        communication = self._communication()
        self.assertEqual(communication.level_id, self.levels["friendly"])
        html = self._html(communication)
        for expected in (
            "payment reminder",
            "Limit Customer",
            "5 avenue Foch",
            "75016",
            "SIREN",
            "552 100 554",
            "FR40552100554",
            "FR7630006000011234567890189",
            invoice.name,
            "06/20/2026",  # due date
            "300.00",
        ):
            self.assertIn(expected, html)
        for absent in ("Registered letter", "Interest", "Reserve of title", "L441-10"):
            self.assertNotIn(absent, html)

    def test_foreign_currency_invoice(self):
        euro = self.setup_other_currency("EUR", rates=[("2026-01-01", 2.0)])
        self._invoice(1000.0, "2026-06-20", currency_id=euro.id)  # 500.00 in company currency
        communication = self._communication()
        line = communication.line_ids
        self.assertEqual(line.invoice_currency_id, euro)
        self.assertEqual((line.amount_residual_currency, line.amount_residual), (1000.0, 500.0))
        self.assertEqual(communication.amount_total, 500.0)
        html = self._html(communication)
        for expected in ("In Invoice Currency", "1,000.00", "500.00"):
            self.assertIn(expected, html)

    def test_firm_letter_claims_penalties(self):
        self._invoice(1000.0, "2026-06-05")  # 25 days late
        communication = self._communication()
        self.assertEqual(communication.level_id, self.levels["firm"])
        self.assertEqual(communication.letter_kind, "firm")
        self.assertEqual(communication.indemnity_total, 40.0)
        self.assertGreater(communication.interest_total, 0.0)
        self.assertEqual(communication.amount_claimed, 1040.0 + communication.interest_total)
        html = self._html(communication)
        interest = f"{communication.interest_total:,.2f}"
        claimed = f"{communication.amount_claimed:,.2f}"
        for expected in ("second reminder", "Interest", interest, "40.00", claimed, "L441-10"):
            self.assertIn(expected, html)

    def test_formal_notice_with_deadline_and_reserve_of_title(self):
        self.customer.with_company(self.company).credit_reserve_of_title = True
        self._invoice(500.0, "2026-05-10")  # 51 days late
        communication = self._communication()
        self.assertEqual(communication.level_id, self.levels["formal_notice"])
        # 8 days from receipt, expected 3 days after the run until the receipt is entered.
        self.assertEqual(str(communication.payment_deadline), "2026-07-11")
        self.company.write({"credit_share_capital": 10000.0, "credit_rcs_city": "Lyon"})
        text = self._text(communication)
        for expected in (
            "Registered letter with acknowledgment of receipt",
            "formal notice to pay",
            "formally demand",
            "within 8 days of receipt of this letter",
            "07/11/2026",
            "for a letter received on 07/03/2026",
            "we may take legal action",
            "the costs of the proceedings may be charged to you",
            # Only goods still in kind are claimed, their value credited (Civil Code 2371).
            "we may also claim the return of the goods delivered under reserve of title that are "
            "still in your possession in kind",
            "any surplus repaid to you (article 2371 of the French Civil Code)",
            "Interest continues to run on the sums due until they are paid in full.",
            "Reserve of title: the goods remain our property",
            # the rate applied and its basis: H1 2026, 2.15 % + 10 points
            "the European Central Bank's refinancing rate in force on 1 January or 1 July of "
            "each half-year of the delay, plus 10.00 points (for the half-year starting "
            "01/01/2026: 2.15 % + 10.00 = 12.15 % a year)",
            "Further compensation may be claimed, on proof",
            "share capital $ 10,000.00",
            "RCS Lyon 552 100 554",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("disregard", text)  # a formal notice stands, paid or not
        # The controller enters the proof: the deadline follows the receipt.
        communication.write(
            {
                "registered_letter_number": "1A 123 456 7890 1",
                "posted_date": "2026-07-01",
                "receipt_date": "2026-07-06",
            }
        )
        self.assertEqual(str(communication.payment_deadline), "2026-07-14")
        self.assertIn("(letter received on 07/06/2026)", self._text(communication))

    def test_formal_notice_to_an_individual_claims_no_penalties(self):
        self.customer.write({"is_company": False, "credit_professional": False})
        self._invoice(500.0, "2026-05-10")  # 51 days late
        communication = self._communication()
        self.assertEqual(communication.level_id, self.levels["formal_notice"])
        self.assertEqual((communication.interest_total, communication.indemnity_total), (0, 0))
        self.assertEqual(communication.amount_claimed, 500.0)
        html = self._html(communication)
        self.assertIn("formally demand", html)
        for absent in ("Interest", "L441-10", "D441-5", "40.00"):
            self.assertNotIn(absent, html)

    def test_formal_notice_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["credit_collection"], ["fr_FR"], overwrite=True
        )
        self.customer.lang = "fr_FR"
        self._invoice(500.0, "2026-05-10")
        html = self._text(self._communication())
        for expected in (
            "Lettre recommandée avec demande d'avis de réception",
            "nous vous mettons en demeure de nous régler",
            "soit au plus tard le",
            "11/07/2026",  # the deadline, in French format
            "Madame, Monsieur",
        ):
            self.assertIn(expected, html)
        self.assertNotIn("Registered letter", html)

    def test_email_attaches_the_letter_and_links_to_the_portal(self):
        invoice = self._invoice(300.0, "2026-06-20")
        self.env["credit.dunning.dispatcher"]._cron_run()
        communication = self._communication(self.env["credit.dunning.run"].search(
            [("company_id", "=", self.company.id)]))  # fmt: skip
        self.assertEqual(communication.state, "sent")
        mail = self.env["mail.mail"].search(
            [("model", "=", communication._name), ("res_id", "=", communication.id)]
        )
        # Under tests, reports render as HTML instead of PDF: the name says which.
        self.assertCountEqual(
            mail.attachment_ids.mapped("name"),
            [f"{invoice.name.replace('/', '_')}.html", "Friendly reminder - Limit Customer.html"],
        )
        self.assertTrue(invoice.access_token)
        self.assertIn(
            f"/my/invoices/{invoice.id}?access_token={invoice.access_token}", mail.body_html
        )

    def test_email_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["credit_collection"], ["fr_FR"], overwrite=True
        )
        self.customer.lang = "fr_FR"
        self._invoice(300.0, "2026-06-20")
        self.env["credit.dunning.dispatcher"]._cron_run()
        communication = self._communication(
            self.env["credit.dunning.run"].search([("company_id", "=", self.company.id)])
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", communication._name), ("res_id", "=", communication.id)]
        )
        for expected in ("Bonjour Limit Customer", "Consulter et payer", "Total dû"):
            self.assertIn(expected, mail.body_html)
        self.assertNotIn("Unless we are mistaken", mail.body_html)

    def test_letters_are_printed_not_emailed(self):
        self._invoice(1000.0, "2026-06-05")  # firm reminder: a printed letter
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()
        communication = self._communication(run)
        self.assertEqual((communication.channel, communication.state), ("letter", "sent"))
        self.assertEqual(run.letter_count, 1)
        self.assertFalse(
            self.env["mail.mail"].search(
                [("model", "=", communication._name), ("res_id", "=", communication.id)]
            )
        )

    def test_no_letter_to_print(self):
        self._invoice(300.0, "2026-06-20")  # friendly reminder: an e-mail
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        with self.assertRaisesRegex(UserError, "no letter to print"):
            run.action_print_letters()

    def test_legal_escalation_prepares_legal_action(self):
        customer = self.customer.with_company(self.company)
        customer.credit_collector_id = self.users["controller"]
        invoice = self._invoice(500.0, "2026-05-10")  # 51 days late: formal notice
        self.env["credit.dunning.dispatcher"]._cron_run()
        runs = self.env["credit.dunning.run"]
        notice = self._communication(runs.search([("company_id", "=", self.company.id)], limit=1))
        self.assertEqual(notice.level_id, self.levels["formal_notice"])
        notice.write(
            {"registered_letter_number": "1A 123 456 7890 1", "receipt_date": "2026-07-03"}
        )
        with freeze_time("2026-07-15"):  # 66 days late: legal escalation
            self.env["credit.dunning.dispatcher"]._cron_run()
        # The run prepares, a person decides: the customer is not flagged.
        self.assertFalse(customer.credit_legal_action)
        activity = customer.activity_ids.filtered(lambda a: "Prepare legal action" in a.summary)
        self.assertEqual(activity.summary, "Prepare legal action: Limit Customer")
        self.assertEqual(activity.user_id, self.users["controller"])
        for expected in (
            "nothing has been started",
            f"{invoice.name}, due 05/10/2026",
            "Formal notice (Formal Notice), sent 06/30/2026",
            "Registered letter 1A 123 456 7890 1, posted not entered, received 07/03/2026",
            "tick Legal Recovery",
        ):
            self.assertIn(expected, str(activity.note))
        self.assertEqual(invoice.dunning_level_id, self.levels["legal"])
        self.assertFalse(invoice.dunning_next_date)
        # Once a controller ticks Legal Recovery, nothing more is sent, even for new invoices.
        with Form(customer.with_user(self.users["controller"])) as form:
            form.credit_legal_action = True
        self.assertEqual(str(customer.credit_legal_action_date), "2026-06-30")
        self._invoice(200.0, "2026-06-20")
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        self.assertFalse(self._communication(run))

    def test_next_dunning_date(self):
        invoice = self._invoice(300.0, "2026-06-20")
        self.assertEqual(str(invoice.dunning_next_date), "2026-06-17")  # courtesy, 3 days before
        self.env["credit.dunning.dispatcher"]._cron_run()  # friendly reminder sent
        invoice.invalidate_recordset(["dunning_next_date"])
        self.assertEqual(str(invoice.dunning_next_date), "2026-07-11")  # firm, 21 days after
        invoice.write(
            {
                "dunning_excluded": True,
                "dunning_exclusion_reason": "promise",
                "dunning_excluded_until": "2026-07-15",
            }
        )
        self.assertEqual(str(invoice.dunning_next_date), "2026-07-16")
        self._pay(invoice, 300.0)
        self.assertFalse(invoice.dunning_next_date)
