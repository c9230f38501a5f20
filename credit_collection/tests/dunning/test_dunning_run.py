from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ...models.dunning import credit_dunning_dispatcher
from ..common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestDunningRun(CreditLimitTestCommon):
    """Runs send each due level once, by email or phone, and log it."""

    @classmethod
    def default_env_context(cls):
        return {}  # reminders are logged in the chatter: let the tests see them

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.customer.email = "accounts@limit-customer.example.com"
        cls.friendly = cls.env.ref("credit_collection.credit_dunning_level_friendly")
        cls.firm = cls.env.ref("credit_collection.credit_dunning_level_firm")
        cls.late_10 = cls._invoice(300.0, "2026-06-20")
        cls.late_25 = cls._invoice(200.0, "2026-06-05")

    def _runs(self):
        return self.env["credit.dunning.run"].search([("company_id", "=", self.company.id)])

    def test_preview_sends_nothing(self):
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        communication = run.communication_ids
        self.assertEqual(communication.partner_id, self.customer)
        self.assertEqual(communication.level_id, self.firm)
        self.assertEqual(communication.amount_total, 500.0)
        self.assertEqual(communication.state, "draft")
        self.assertFalse(self.late_10.dunning_level_id)

    def test_invoice_dunned_in_the_same_transaction_drops_out(self):
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        self.late_25.dunning_level_id = self.firm  # sent meanwhile, not flushed yet
        run.action_send()
        self.assertEqual(run.communication_ids.line_ids.move_id, self.late_10)
        self.assertEqual(run.communication_ids.level_id, self.friendly)

    def test_email_sent_once_and_logged(self):
        self.firm.channel = "email"
        self.env["credit.dunning.dispatcher"]._cron_run()
        self.env["credit.dunning.dispatcher"]._cron_run()  # same day: nothing more
        communications = self._runs().communication_ids
        self.assertEqual(len(communications), 1)
        self.assertEqual(communications.state, "sent", communications.failure_reason)
        self.assertEqual(self.late_25.dunning_level_id, self.firm)
        self.assertEqual(self.late_10.dunning_level_id, self.friendly)
        self.assertEqual(str(self.late_10.dunning_last_date), "2026-06-30")
        mail = self.env["mail.mail"].search(
            [("model", "=", "credit.dunning.communication"), ("res_id", "=", communications.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertIn(self.late_10.name, mail.body_html)
        self.assertIn("500.00", mail.body_html)
        self.assertIn(
            "Firm reminder: 2 invoice(s), $\xa0500.00 due.", self.customer.message_ids[0].body
        )
        self.assertIn("Firm reminder", self.late_10.message_ids[0].body)
        # A later run sends the next level only when it is due.
        with freeze_time("2026-07-12"):  # late_10 now 22 days late: firm
            self.env["credit.dunning.dispatcher"]._cron_run()
        latest = self._runs().sorted("id")[-1].communication_ids
        self.assertEqual(latest.line_ids.move_id, self.late_10)

    def test_run_now_sends_in_the_background(self):
        runs = self.env["credit.dunning.run"].with_user(self.users["controller"])
        action = runs.with_company(self.company).action_run_now()
        run = self.env["credit.dunning.run"].browse(action["res_id"])
        self.assertEqual((run.company_id, run.state), (self.company, "running"))
        cron = self.env.ref("credit_collection.ir_cron_dunning_run")
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))
        # Clicked twice: the same run, not a second one.
        again = runs.with_company(self.company).action_run_now()
        self.assertEqual(again["res_id"], run.id)
        self.env[
            "credit.dunning.dispatcher"
        ]._cron_run()  # what the triggered scheduled action does
        self.assertEqual(run.state, "done")
        self.assertEqual(run.communication_ids.state, "sent")
        self.assertEqual(self._runs(), run)

    def test_interrupted_run_resumes_without_duplicates(self):
        other = self.env["res.partner"].create(
            {"name": "Second Customer", "is_company": True, "email": "second@example.com"}
        )
        self._invoice(100.0, "2026-06-20", partner=other)
        self.firm.channel = "email"
        run = self.env["credit.dunning.run"]._plan_run(self.company, state="running")
        self.assertEqual(run._send_batch(limit=1), 1)  # one sent, then the worker stops
        self.env["credit.dunning.dispatcher"]._cron_run()  # the next call resumes the same run
        self.assertEqual(self._runs(), run)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.communication_ids.mapped("state"), ["sent", "sent"])
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "credit.dunning.communication"),
                ("res_id", "in", run.communication_ids.ids),
            ]
        )
        self.assertEqual(sorted(mails.mapped("res_id")), sorted(run.communication_ids.ids))

    def test_progress_is_counted_in_communications(self):
        other = self.env["res.partner"].create(
            {"name": "Second Customer", "is_company": True, "email": "second@example.com"}
        )
        self._invoice(100.0, "2026-06-20", partner=other)
        self.firm.channel = "email"
        cron = self.env.ref("credit_collection.ir_cron_dunning_run")
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        dispatcher = self.env["credit.dunning.dispatcher"].with_context(
            ir_cron_progress_id=progress.id
        )
        with patch.object(credit_dunning_dispatcher, "BATCH_SIZE", 2):
            dispatcher._cron_run()
        today_runs = self.env["credit.dunning.run"].search([("date", "=", "2026-06-30")])
        communications = today_runs.communication_ids
        self.assertEqual(
            progress.remaining, len(communications.filtered(lambda c: c.state == "draft"))
        )
        self.assertEqual(progress.done + progress.remaining, len(communications))

    def test_run_shows_its_progress(self):
        other = self.env["res.partner"].create({"name": "No Email", "is_company": True})
        self._invoice(100.0, "2026-06-20", partner=other)
        self.firm.channel = "email"
        run = self.env["credit.dunning.run"]._plan_run(self.company, state="running")
        self.assertEqual((run.sent_count, run.remaining_count, run.failed_count), (0, 2, 0))
        self.assertEqual(run.progress, 0.0)
        with patch.object(credit_dunning_dispatcher, "BATCH_SIZE", 1):
            self.env["credit.dunning.dispatcher"]._cron_send()  # an extra sender's batch
        run.invalidate_recordset()
        self.assertEqual(run.remaining_count, 1)
        self.assertEqual(run.progress, 50.0)
        self.assertEqual(run.state, "running")
        self.env["credit.dunning.dispatcher"]._cron_send()
        run.invalidate_recordset()
        self.assertEqual((run.sent_count, run.remaining_count, run.failed_count), (1, 0, 1))
        self.assertEqual((run.state, run.progress), ("done", 100.0))

    def test_fewer_per_batch_while_emails_attach_pdfs(self):
        self.firm.write({"channel": "email", "attach_letter": False, "attach_invoices": False})
        runs = self.env["credit.dunning.run"]
        runs.sudo().search([("state", "=", "running")]).state = "done"  # any company's
        run = runs._plan_run(self.company, state="running")
        dispatcher = self.env["credit.dunning.dispatcher"]
        self.assertEqual(dispatcher._batch_size(), credit_dunning_dispatcher.BATCH_SIZE)
        self.firm.attach_invoices = True  # each e-mail renders the invoices' PDFs
        self.assertEqual(dispatcher._batch_size(), credit_dunning_dispatcher.PDF_BATCH_SIZE)
        run.communication_ids.state = "sent"
        self.assertEqual(dispatcher._batch_size(), credit_dunning_dispatcher.BATCH_SIZE)

    def test_each_note_has_its_own_message_id(self):
        self.firm.channel = "email"
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()
        notes = self.env["mail.message"].search(
            [
                ("body", "ilike", "Firm reminder: 2 invoice(s)"),
                ("model", "in", ("res.partner", "account.move")),
            ]
        )
        self.assertEqual(len(notes), 3)  # the customer and its two invoices
        self.assertEqual(len(set(notes.mapped("message_id"))), 3)

    def test_a_customer_without_rate_fails_alone(self):
        # Due in 2014: no rate for its first half-year (the rates start in 2015).
        ancient = self.env["res.partner"].create(
            {"name": "Ancient Customer", "is_company": True, "email": "old@example.com"}
        )
        self._invoice(900.0, "2014-11-30", partner=ancient, invoice_date="2014-11-01")
        self.env["credit.dunning.dispatcher"]._cron_run()
        run = self._runs()
        failed = run.communication_ids.filtered(lambda c: c.partner_id == ancient)
        self.assertEqual(failed.state, "failed")
        self.assertIn("half-year starting 2014-07-01", failed.failure_reason)
        self.assertEqual((failed.interest_total, failed.indemnity_total), (0.0, 0.0))
        self.assertEqual(run.failed_count, 1)
        sent = run.communication_ids.filtered(lambda c: c.partner_id == self.customer)
        self.assertEqual(sent.state, "sent")
        self.assertEqual(run.state, "done")
        # The firm reminder of 2026 claims interest at the 2026 rate: 200 x 12.15 % x 25 / 365.
        self.assertEqual(
            sent.line_ids.filtered(lambda line: line.move_id == self.late_25).interest_amount,
            1.66,
        )

    def test_books_years_deep_plan_and_send(self):
        for due in ("2019-03-01", "2021-09-15", "2023-12-31", "2025-07-01"):
            self._invoice(1000.0, due, invoice_date=due)
        person = self.env["res.partner"].create({"name": "Jean Dupont", "email": "jd@example.com"})
        self._invoice(500.0, "2020-02-01", partner=person, invoice_date="2020-01-01")
        self.env["credit.dunning.dispatcher"]._cron_run()
        run = self._runs()
        self.assertFalse(run.rate_warning)  # every half-year since 2019 has its rate
        self.assertEqual(run.state, "done")
        self.assertEqual(set(run.communication_ids.mapped("state")), {"sent"})
        company_step = run.communication_ids.filtered(lambda c: c.partner_id == self.customer)
        self.assertEqual(len(company_step.line_ids), 6)  # the four old ones and the two of June
        self.assertGreater(company_step.interest_total, 0.0)
        self.assertEqual(company_step.indemnity_total, 6 * 40.0)
        individual = run.communication_ids.filtered(lambda c: c.partner_id == person)
        self.assertEqual((individual.interest_total, individual.indemnity_total), (0.0, 0.0))

    def test_one_company_failing_does_not_stop_the_others(self):
        planner_class = type(self.env["credit.dunning.planner"])
        plan = planner_class._plan

        def plan_or_fail(planner, company, run_date=None):
            if company == self.company:
                raise ValueError("broken ledger")
            return plan(planner, company, run_date)

        with (
            patch.object(planner_class, "_plan", plan_or_fail),
            mute_logger("odoo.addons.credit_collection.models.dunning.credit_dunning_dispatcher"),
        ):
            self.env["credit.dunning.dispatcher"]._cron_run()
        # Every other company's run, whatever companies this user works in.
        today_runs = self.env["credit.dunning.run"].sudo().search([("date", "=", "2026-06-30")])
        companies = self.env["res.company"].sudo().search([])
        self.assertEqual(today_runs.company_id, companies - self.company)
        self.assertFalse(self.late_10.dunning_level_id)

    def test_missing_half_year_is_named_and_asked_for_once(self):
        with freeze_time("2026-08-15"):  # H2 2026 has no published rate here
            first = self.env["credit.dunning.run"]._plan_run(self.company)
            second = self.env["credit.dunning.run"]._plan_run(self.company)
        self.assertIn("No late-payment interest rate for H2 2026", first.rate_warning)
        self.assertEqual(second.rate_warning, first.rate_warning)
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "credit.dunning.run"), ("res_id", "in", (first | second).ids)]
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.summary, "Enter the late-payment interest rates of H2 2026")
        self.assertTrue(activities.user_id.has_group("credit_collection.group_credit_manager"))

    def test_paid_meanwhile_drops_out(self):
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        self._pay(self.late_25, 200.0)
        run.action_send()
        self.assertEqual(run.communication_ids.line_ids.move_id, self.late_10)
        self.assertEqual(run.communication_ids.level_id, self.friendly)
        self.assertEqual(run.state, "done")

    def test_failure_is_listed_and_does_not_stop_the_run(self):
        other = self.env["res.partner"].create({"name": "No Email", "is_company": True})
        self._invoice(100.0, "2026-06-20", partner=other)
        self.firm.channel = "email"
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()
        states = {c.partner_id: (c.state, c.failure_reason) for c in run.communication_ids}
        self.assertEqual(states[other], ("failed", "No Email has no email address."))
        self.assertEqual(states[self.customer][0], "sent")
        self.assertFalse(self.env["credit.dunning.run"].browse(run.id).communication_ids.filtered(
            lambda c: c.partner_id == other).line_ids.sent)  # fmt: skip

    def test_phone_call_for_the_collector(self):
        self.firm.channel = "phone"
        self.customer.with_company(self.company).credit_collector_id = self.users["controller"]
        self.env["credit.dunning.dispatcher"]._cron_run()
        activity = self.customer.activity_ids
        self.assertEqual(activity.user_id, self.users["controller"])
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertIn("500.00", str(activity.note))

    def test_level_with_hold(self):
        formal_notice = self.env.ref("credit_collection.credit_dunning_level_formal_notice")
        self._invoice(100.0, "2026-05-01")  # 60 days: legal escalation, which holds too
        self.env["credit.dunning.dispatcher"]._cron_run()
        customer = self.customer.with_company(self.company)
        self.assertTrue(customer.credit_hold)
        self.assertIn("Dunning level", customer.credit_hold_reason)
        self.assertTrue(formal_notice.credit_hold)

    def test_rights(self):
        run = (
            self.env["credit.dunning.run"]
            .with_user(self.users["controller"])
            ._plan_run(self.company)
        )
        self.assertEqual(len(run.communication_ids), 1)
        communications = self.env["credit.dunning.communication"].with_user(self.users["salesman"])
        self.assertEqual(communications.search([]).partner_id, self.customer)
        with self.assertRaises(AccessError):
            communications.search([]).write({"state": "sent"})
        with self.assertRaises(AccessError):
            self.env["credit.dunning.run"].with_user(self.users["salesman"])._plan_run(self.company)
