from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from ..common import EmailReminderTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestReminderBounce(EmailReminderTestCommon):
    """A reminder e-mail that bounces or is refused fails its communication, gives the
    collector one to-do, and sends the customer's next e-mail level by letter until the
    address changes."""

    def _run(self):
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()
        return run

    def _mails(self, communication):
        return self.env["mail.mail"].search(
            [("model", "=", communication._name), ("res_id", "=", communication.id)]
        )

    def _todos(self):
        return self.customer.activity_ids.filtered(lambda a: "Fix the e-mail" in a.summary)

    def test_refused_by_the_mail_server(self):
        run = self._run()
        communication = run.communication_ids
        self.assertEqual(communication.state, "sent")
        self._mails(communication)._postprocess_sent_message(
            success_pids=[], failure_reason="550 5.1.1 mailbox unavailable",
            failure_type="mail_smtp",
        )  # fmt: skip
        self.assertEqual((communication.state, communication.bounced), ("failed", True))
        self.assertEqual(
            communication.failure_reason,
            "The e-mail could not be sent: 550 5.1.1 mailbox unavailable",
        )
        self.assertEqual(run.bounced_count, 1)
        todo = self._todos()
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.users["controller"])
        self.assertEqual(
            todo.summary,
            "Fix the e-mail address of Limit Customer (accounts@limit-customer.example.com)",
        )
        self.assertTrue(self.customer.with_company(self.company).credit_reminder_bounced)
        bounced = self.env["res.partner"].search([("credit_reminder_bounced", "=", True)])
        self.assertEqual(bounced.commercial_partner_id, self.customer)  # and its contacts

    def test_bounce_received_then_next_level_by_letter(self):
        communication = self._run().communication_ids
        self.customer._message_receive_bounce(self.customer.email, self.customer)
        self.assertEqual((communication.state, communication.bounced), ("failed", True))
        self.assertEqual(
            communication.failure_reason,
            "The e-mail to accounts@limit-customer.example.com bounced.",
        )
        self.customer._message_receive_bounce(self.customer.email, self.customer)  # again
        self.assertEqual(len(self._todos()), 1)
        with freeze_time("2026-07-12"):  # 22 days late: the firm level, an e-mail level
            run = self._run()
        firm = run.communication_ids
        self.assertEqual(firm.level_id, self.env.ref("credit_collection.credit_dunning_level_firm"))
        self.assertEqual((firm.channel, firm.letter_fallback), ("letter", True))
        self.assertEqual(run._letters(), firm)
        self.assertEqual(firm.state, "sent")
        self.assertFalse(self._mails(firm))
        self.assertEqual(self.invoice.dunning_level_id, firm.level_id)  # not skipped

    def test_address_fixed_e_mails_again(self):
        self._run()
        self.customer._message_receive_bounce(self.customer.email, self.customer)
        self.customer.email = "payables@limit-customer.example.com"
        self.assertFalse(self.customer.with_company(self.company).credit_reminder_bounced)
        with freeze_time("2026-07-12"):
            firm = self._run().communication_ids
        self.assertEqual((firm.channel, firm.state), ("email", "sent"))
        self.assertEqual(self._mails(firm).recipient_ids, self.customer)

    def test_no_address_is_undeliverable_too(self):
        self.customer.email = False
        run = self._run()
        communication = run.communication_ids
        self.assertEqual((communication.state, communication.bounced), ("failed", True))
        self.assertEqual(len(self._todos()), 1)
        with freeze_time("2026-07-12"):
            firm = self._run().communication_ids
        self.assertEqual((firm.channel, firm.state), ("letter", "sent"))

    def test_bounced_filter_of_the_communications(self):
        communication = self._run().communication_ids
        self.customer._message_receive_bounce(self.customer.email, self.customer)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "credit_collection.credit_dunning_communication_action"
        )
        communications = self.env["credit.dunning.communication"].with_user(
            self.users["controller"]
        )
        domain = [*safe_eval(action["domain"]), ("bounced", "=", True)]  # the Bounced filter
        bounced = communications.search(domain)
        self.assertEqual(bounced, communication)
