import base64
import re
import subprocess

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestPaymentPlan(CreditLimitTestCommon):
    """A plan spreads overdue invoices over instalments: they leave normal dunning,
    each instalment is reminded on its date, a missed one breaks the plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.firm = cls.env.ref("credit_collection.credit_dunning_level_firm")
        cls.first = cls._invoice(600.0, "2026-05-20")  # 41 days late: firm sent
        cls.second = cls._invoice(300.0, "2026-06-05")
        cls.first.dunning_level_id = cls.firm
        cls.users = create_credit_users(cls.env, cls.company)

    def _plan(self, count=3, user=None, **values):
        plan = (
            self.env["credit.payment.plan"]
            .with_user(user or self.env.user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "move_ids": [Command.set((self.first | self.second).ids)],
                    "instalment_count": count,
                    "first_date": "2026-07-15",
                    **values,
                }
            )
        )
        plan.action_generate_instalments()
        return plan

    def _follow(self, day):
        with freeze_time(day):
            self.env["credit.payment.plan"]._cron_follow_plans()

    def _customer_messages(self, plan, text):
        return plan.message_ids.filtered(
            lambda m: text in (m.body or "") or text in (m.subject or "")
        )

    def test_instalments_with_interest(self):
        plan = self._plan(interest_rate=6.0)
        self.assertEqual(
            [
                (str(line.date), line.principal, line.interest, line.amount)
                for line in plan.line_ids
            ],
            [
                # 900 x 6 % x 15 / 365 = 2.22; 600 x 6 % x 31 / 365 = 3.06; 300 x 6 % x 31 / 365
                ("2026-07-15", 300.0, 2.22, 302.22),
                ("2026-08-15", 300.0, 3.06, 303.06),
                ("2026-09-15", 300.0, 1.53, 301.53),
            ],
        )
        self.assertEqual((plan.amount_total, plan.amount_interest), (906.81, 6.81))

    def test_active_plan_replaces_dunning_and_sends_the_schedule(self):
        self.assertEqual(set(self._planned()), {self.second.id})  # the first waits for 45 days
        plan = self._plan()
        plan.action_activate()
        self.assertEqual(plan.state, "active")
        sent = plan.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(sent.partner_ids, self.customer)
        self.assertIn("payment plan", sent.subject)
        self.assertEqual(len(sent.attachment_ids), 1)
        self.assertEqual(self._planned(), {})
        letter = (
            self.env["ir.actions.report"]
            ._render_qweb_html("credit_collection.action_report_payment_plan", plan.ids)[0]
            .decode()
        )
        for text in (
            "Subject: payment plan",
            "15 days after its",
            "900.00",
            "07/15/2026",
            "it does not novate the debt, and we waive none of",
        ):
            self.assertIn(text, letter)

    def test_letter_and_email_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["credit_collection"], ["fr_FR"], overwrite=True
        )
        self.customer.lang = "fr_FR"
        plan = self._plan()
        plan.action_activate()
        sent = plan.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn("échéancier", sent.subject)
        self.assertIn("sont réglées selon ces échéances", sent.body)
        letter = (
            self.env["ir.actions.report"]
            ._render_qweb_html("credit_collection.action_report_payment_plan", plan.ids)[0]
            .decode()
        )
        for text in (
            "Objet : échéancier",
            "15/07/2026",
            "devient immédiatement exigible",
            "ne constitue pas une novation",
        ):
            self.assertIn(text, letter)
        self.assertNotIn("Subject:", letter)

    def test_payments_match_instalments_in_date_order_then_complete(self):
        plan = self._plan()
        plan.action_activate()
        self._pay(self.first, 450.0, "2026-07-14")
        self._follow("2026-07-16")
        self.assertEqual(plan.line_ids.mapped("amount_paid"), [300.0, 150.0, 0.0])
        self.assertEqual(plan.amount_remaining, 450.0)
        self._pay(self.first, 150.0, "2026-08-10")
        self._pay(self.second, 300.0, "2026-08-10")
        self._follow("2026-08-11")
        self.assertEqual(plan.state, "completed")

    def test_instalment_reminders_once_each(self):
        plan = self._plan()
        plan.action_activate()
        self._follow("2026-07-15")
        self._follow("2026-07-15")  # twice: one reminder
        self.assertEqual(len(self._customer_messages(plan, "instalment due")), 1)
        self._follow("2026-07-20")
        self.assertEqual(len(self._customer_messages(plan, "instalment overdue")), 1)
        self.assertEqual(plan.line_ids[0].reminders_sent, 2)
        self.assertEqual(plan.state, "active")

    def test_missed_instalment_breaks_the_plan_and_dunning_resumes(self):
        plan = self._plan()
        plan.action_activate()
        self._follow("2026-07-30")  # 15 days after the first instalment: not yet
        self.assertEqual(plan.state, "active")
        with freeze_time("2026-07-31"):
            row = self.env["credit.worklist"].search([("partner_id", "=", self.customer.id)])
            self.assertTrue(row.instalment_missed)
        self._follow("2026-07-31")
        self.assertEqual(plan.state, "broken")
        self.assertTrue(self.customer.message_ids.filtered(lambda m: "is broken" in (m.body or "")))
        with freeze_time("2026-07-31"):
            # Both invoices are dunned again, from the level they had reached: the first,
            # 72 days late after the firm level, is due for the legal escalation (60 days).
            planned = self._planned()
        legal = self.env.ref("credit_collection.credit_dunning_level_legal")
        self.assertEqual(set(planned), {self.first.id, self.second.id})
        self.assertEqual(planned[self.first.id], legal.id)

    def test_long_plans_need_a_manager(self):
        plan = self._plan(count=8, user=self.users["controller"])
        self.assertTrue(plan.needs_approval)
        plan.action_activate()
        self.assertEqual(plan.state, "to_approve")
        with self.assertRaises(AccessError):
            plan.action_approve()
        plan.with_user(self.users["manager"]).action_approve()
        self.assertEqual((plan.state, plan.approved_by_id), ("active", self.users["manager"]))

    def test_bad_input(self):
        plan = self._plan()
        plan.line_ids[0].principal = 250.0
        with self.assertRaisesRegex(UserError, "add up to"):
            plan.action_activate()
        plan.action_generate_instalments()
        plan.line_ids[0].date = "2026-06-01"
        with self.assertRaisesRegex(UserError, "past"):
            plan.action_activate()
        self.assertEqual(plan.state, "draft")
        with self.assertRaises(AccessError):
            self.env["credit.payment.plan"].with_user(self.users["salesman"]).create(
                {"partner_id": self.customer.id}
            )


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestPaymentPlanPdf(CreditLimitTestCommon, HttpCase):
    """The plan letter sent on activation is a real PDF (the server serves its styles)."""

    def test_activation_attaches_the_plan_letter_as_pdf(self):
        invoice = self._invoice(900.0, "2026-05-20")
        plan = self.env["credit.payment.plan"].create(
            {
                "partner_id": self.customer.id,
                "move_ids": [Command.set(invoice.ids)],
                "instalment_count": 3,
                "first_date": "2026-07-15",
            }
        )
        plan.action_generate_instalments()
        plan.with_context(force_report_rendering=True).action_activate()
        attachment = plan.message_ids.attachment_ids
        self.assertEqual(attachment.name, f"{plan.name.replace('/', '-')}.pdf")
        pdf = base64.b64decode(attachment.datas)
        self.assertTrue(pdf.startswith(b"%PDF"))
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        pages = re.search(r"Pages:\s+(\d+)", info.stdout.decode()).group(1)
        self.assertEqual(pages, "1")
