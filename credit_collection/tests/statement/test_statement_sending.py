from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import create_credit_users
from .common import StatementTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-07-01 07:00")
class TestStatementSending(StatementTestCommon):
    """Statements leave by e-mail in batches to the reminder contact, each with its PDF;
    one without an address fails alone with a to-do; the monthly action queues last
    month's statements once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.email = "office@limit-customer.example.com"
        cls.payables = cls.env["res.partner"].create(
            {"name": "Accounts Payable", "parent_id": cls.customer.id, "type": "invoice",
             "email": "ap@limit-customer.example.com"}
        )  # fmt: skip
        cls.silent = cls.env["res.partner"].create({"name": "No Email Ltd", "is_company": True})
        cls._invoice(90.0, "2026-06-10", partner=cls.silent)

    def _mails(self, statements):
        return self.env["mail.mail"].search(
            [("model", "=", "credit.statement"), ("res_id", "in", statements.ids)]
        )

    def test_a_batch_is_sent_and_one_failure_stays_alone(self):
        wizard = self.env["credit.statement.wizard"].create(
            {"partner_ids": (self.customer | self.silent).ids, "date_to": "2026-06-30"}
        )
        action = wizard.action_send()
        statements = self.env["credit.statement"].search(action["domain"])
        self.assertEqual(set(statements.mapped("state")), {"to_send"})
        self.env["credit.statement"]._cron_send()
        sent = statements.filtered(lambda s: s.partner_id == self.customer)
        failed = statements - sent
        self.assertEqual(sent.state, "sent")
        self.assertEqual(sent.recipient_id, self.payables)
        mail = self._mails(sent)
        self.assertEqual(mail.recipient_ids, self.payables)
        self.assertIn("1,230.00", str(mail.body_html))
        self.assertEqual(len(mail.attachment_ids), 1)
        self.assertTrue(mail.attachment_ids.name.startswith("Statement Limit Customer 2026-06-30"))
        self.assertEqual((failed.state, failed.bounced), ("failed", True))
        self.assertIn("has no email address", failed.failure_reason)
        todo = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.silent.id)]
        )
        self.assertIn("Fix the e-mail address", todo.summary)
        self.env["credit.statement"]._cron_send()  # nothing more to send
        self.assertEqual(len(self._mails(statements)), 1)

    def test_a_refused_email_fails_its_statement(self):
        statement = self._statement("outstanding", "2026-06-30")
        statement.action_send()
        self.env["credit.statement"]._cron_send()
        mail = self._mails(statement)
        mail._postprocess_sent_message(
            success_pids=[], failure_reason="550 mailbox unknown", failure_type="mail_smtp"
        )
        self.assertEqual(statement.state, "failed")
        self.assertIn("550 mailbox unknown", statement.failure_reason)

    def test_a_bounce_fails_the_statement(self):
        statement = self._statement("outstanding", "2026-06-30")
        statement.action_send()
        self.env["credit.statement"]._cron_send()
        self.payables._message_receive_bounce(self.payables.email, self.payables)
        self.assertEqual((statement.state, statement.bounced), ("failed", True))

    def test_statements_wait_for_the_sending_hours(self):
        self.company.write({"credit_sending_hour_from": 8.0, "credit_sending_weekends": False})
        statement = self._statement("outstanding", "2026-06-30")
        statement.action_send()
        self.env["credit.statement"]._cron_send()  # 7:00, before the opening
        self.assertEqual(statement.state, "to_send")
        cron = self.env.ref("credit_collection.ir_cron_statement_send")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        opening = self.company._credit_next_sending_time()
        self.assertEqual(opening.date().isoformat(), "2026-07-01")
        self.assertIn(opening, triggers.mapped("call_at"))
        with freeze_time("2026-07-01 12:00"):
            self.env["credit.statement"]._cron_send()
        self.assertEqual(statement.state, "sent")

    def test_send_now_outside_the_sending_hours_sends_once(self):
        self.company.write({"credit_sending_hour_from": 8.0, "credit_sending_weekends": False})
        statement = self._statement("outstanding", "2026-06-30")
        statement.action_send()
        self.assertTrue(statement.outside_sending_hours)  # 7:00: it waits
        users = create_credit_users(self.env, self.company)
        with self.assertRaises(AccessError):
            statement.with_user(users["salesman"]).action_send_now()
        statement.with_user(users["controller"]).action_send_now()
        self.assertEqual((statement.state, statement.recipient_id), ("sent", self.payables))
        self.assertEqual(len(self._mails(statement)), 1)
        with freeze_time("2026-07-01 12:00"):
            self.env["credit.statement"]._cron_send()  # the opening: nothing goes twice
        self.assertEqual(len(self._mails(statement)), 1)
        with self.assertRaisesRegex(UserError, "already sent"):
            statement.with_user(users["controller"]).action_send_now()
        many = self.env["credit.statement"].create(
            [{"partner_id": self.customer.id, "kind": "outstanding", "date_to": "2026-06-30"}] * 21
        )
        with self.assertRaisesRegex(UserError, "at most 20 statements"):
            many.with_user(users["controller"]).action_send_now()
        self.assertEqual(set(many.mapped("state")), {"issued"})

    def test_monthly_statements_go_once_to_those_who_asked(self):
        self.silent.credit_statement_sending = "request"
        segment = self.env["credit.risk.segment"].create(
            {"name": "Monthly Segment", "code": "MONTHLY", "statement_monthly": True}
        )
        self.customer.with_company(self.company).credit_risk_segment_id = segment
        monthly = self.env["credit.statement"]
        monthly._cron_monthly()
        monthly._cron_monthly()  # run twice: nothing more
        statements = monthly.search([("origin", "=", "monthly")])
        self.assertEqual(statements.partner_id, self.customer)
        self.assertEqual(
            (statements.kind, str(statements.date_to), statements.state),
            ("outstanding", "2026-06-30", "to_send"),
        )
        self.company.credit_statement_kind = "activity"
        self.customer.credit_statement_sending = "request"
        self.silent.credit_statement_sending = "monthly"
        monthly._cron_monthly()
        activity = monthly.search([("origin", "=", "monthly"), ("kind", "=", "activity")])
        self.assertEqual(activity.partner_id, self.silent)
        self.assertEqual(str(activity.date_from), "2026-06-01")
