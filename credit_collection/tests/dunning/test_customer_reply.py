from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import EmailReminderTestCommon

REPLY = """From: Accounts Payable <accounts@limit-customer.example.com>
To: {to}
Subject: Re: your reminder
Message-ID: <reply-{tag}@limit-customer.example.com>
In-Reply-To: {parent}
References: {parent}
Content-Type: text/plain; charset=utf-8

We paid this invoice last week: the remittance advice is attached.
"""


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestCustomerReply(EmailReminderTestCommon):
    """A customer's reply to a reminder or a statement lands in its chatter, gives the
    collector a to-do, ranks it first in the worklist and pauses its next level until
    the reply is handled or the pause runs out."""

    def _reply_to(self, record, tag="1"):
        mail = self.env["mail.mail"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)]
        )
        raw = REPLY.format(to=mail.email_from, parent=mail.message_id, tag=tag)
        self.env["mail.thread"].message_process(None, raw)

    def _reminder(self):
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()
        return run.communication_ids

    def _replies(self):
        reply_type = self.env.ref("credit_collection.mail_activity_type_customer_reply")
        return self.customer.activity_ids.filtered(lambda a: a.activity_type_id == reply_type)

    def test_a_reply_pauses_the_next_level_until_handled(self):
        self.company.credit_reply_pause_days = 15
        reminder = self._reminder()
        self._reply_to(reminder)
        self.assertTrue(reminder.reply_pending)
        self.assertTrue(reminder.replied_date)
        message = self.customer.message_ids.filtered(lambda m: "remittance advice" in str(m.body))
        self.assertEqual(message.message_type, "email")
        self.assertEqual(self.customer.credit_reply_pause_until.isoformat(), "2026-07-15")
        todo = self._replies()
        self.assertEqual(todo.user_id, self.users["controller"])
        self.assertIn("Customer replied", todo.summary)
        self._reply_to(reminder, tag="2")  # a second reply: still one to-do
        self.assertEqual(len(self._replies()), 1)

        worklist = self.env["credit.worklist"].search([("partner_id", "=", self.customer.id)])
        self.assertTrue(worklist.customer_replied)
        self.assertIn("Customer replied", worklist.reason)
        self.assertGreaterEqual(worklist.priority, 60)

        with freeze_time("2026-07-12"):  # the firm level is due, the customer replied
            self.assertFalse(self._planned())
            todo.with_user(self.users["controller"]).action_done()
            self.assertFalse(self.customer.credit_reply_pause_until)
            self.assertFalse(reminder.reply_pending)
            self.assertTrue(self._planned())

    def test_the_pause_runs_out(self):
        self.company.credit_reply_pause_days = 12
        self._reply_to(self._reminder())
        with freeze_time("2026-07-12"):  # the firm level is due (21 days late), paused
            self.assertFalse(self._planned())
        with freeze_time("2026-07-13"):
            self.assertTrue(self._planned())

    def test_reply_handled_from_the_customer(self):
        self._reply_to(self._reminder())
        self.assertEqual(self.customer.credit_reply_pause_until.isoformat(), "2026-07-05")
        customer = self.customer.with_user(self.users["salesman"])
        with self.assertRaises(AccessError):
            customer.action_credit_reply_handled()
        with self.assertRaises(AccessError):
            customer.credit_reply_pause_until = False
        self.customer.with_user(self.users["controller"]).action_credit_reply_handled()
        self.assertFalse(self.customer.credit_reply_pause_until)
        self.assertFalse(self._replies())

    def test_a_reply_to_a_statement(self):
        statement = self.env["credit.statement"].create({"partner_id": self.customer.id})
        statement.action_send()
        self.env["credit.statement"]._cron_send()
        self.assertEqual(statement.state, "sent")
        self._reply_to(statement)
        self.assertTrue(statement.reply_pending)
        self.assertTrue(self.customer.credit_reply_pause_until)
        self.assertTrue(self._replies())
