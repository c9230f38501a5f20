from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import CreditLimitTestCommon, create_credit_users, run_migration


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestReminderContact(CreditLimitTestCommon):
    """Reminders go to the customer's reminder contact, else its invoice address, else
    the customer, with the copies set on the customer."""

    @classmethod
    def default_env_context(cls):
        return {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.customer.email = "office@limit-customer.example.com"
        cls.env.ref("credit_collection.credit_dunning_level_firm").channel = "email"
        cls.late = cls._invoice(300.0, "2026-06-05")
        contacts = cls.env["res.partner"]
        cls.payables, cls.invoicing, cls.no_email = contacts.create(
            [
                {"name": "Accounts Payable", "parent_id": cls.customer.id, "type": "contact",
                 "email": "ap@limit-customer.example.com"},
                {"name": "Invoicing Desk", "parent_id": cls.customer.id, "type": "invoice",
                 "email": "invoices@limit-customer.example.com"},
                {"name": "Head of Purchasing", "parent_id": cls.customer.id, "type": "contact"},
            ]
        )  # fmt: skip
        cls.accountant = contacts.create(
            {"name": "External Accountant", "email": "books@accountant.example.com"}
        )

    def _send(self):
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()
        communication = run.communication_ids
        mail = self.env["mail.mail"].search(
            [("model", "=", communication._name), ("res_id", "=", communication.id)]
        )
        return communication, mail

    def test_the_invoice_address_by_default(self):
        communication, mail = self._send()
        self.assertEqual(communication.state, "sent", communication.failure_reason)
        self.assertEqual(communication.recipient_id, self.invoicing)
        self.assertEqual(mail.recipient_ids, self.invoicing)
        self.assertFalse(mail.email_cc)

    def test_the_reminder_contact_with_copies(self):
        self.customer.write(
            {
                "credit_reminder_contact_id": self.payables.id,
                "credit_reminder_cc_ids": [(6, 0, (self.accountant | self.no_email).ids)],
            }
        )
        communication, mail = self._send()
        self.assertEqual(communication.recipient_id, self.payables)
        self.assertEqual(mail.recipient_ids, self.payables)
        # a copy to the contacts that have an e-mail address
        self.assertEqual(mail.email_cc, '"External Accountant" <books@accountant.example.com>')
        self.assertEqual(communication.email_cc, mail.email_cc)

    def test_the_customer_without_other_contact(self):
        self.invoicing.type = "delivery"
        communication, mail = self._send()
        self.assertEqual((communication.recipient_id, mail.recipient_ids), (self.customer,) * 2)

    def test_a_contact_without_email_fails_with_its_name(self):
        self.customer.credit_reminder_contact_id = self.no_email
        communication, mail = self._send()
        self.assertEqual(communication.state, "failed")
        self.assertEqual(
            communication.failure_reason, "Limit Customer, Head of Purchasing has no email address."
        )
        self.assertFalse(mail)

    def test_only_credit_controllers_choose_it(self):
        customer = self.customer.with_user(self.users["salesman"])
        with self.assertRaises(AccessError):
            customer.credit_reminder_contact_id = self.payables
        self.customer.with_user(self.users["controller"]).credit_reminder_contact_id = self.payables
        self.assertEqual(self.customer.credit_reminder_contact_id, self.payables)

    def test_migration_addresses_the_template_and_old_emails(self):
        template = self.env.ref("credit_collection.mail_template_dunning_reminder")
        template.write({"partner_to": "{{ object.partner_id.id }}", "email_cc": False})
        communication, _mail = self._send()
        communication.recipient_id = False
        self.env.flush_all()
        run_migration(self.env, "18.0.1.4.0", "18.0.1.3.0")
        self.assertEqual(template.partner_to, "{{ (object.recipient_id or object.partner_id).id }}")
        self.assertEqual(template.email_cc, "{{ object.email_cc or '' }}")
        self.assertEqual(communication.recipient_id, self.customer)
        # a template whose recipients the user changed is left as it is
        template.partner_to = "{{ object.collector_id.partner_id.id }}"
        run_migration(self.env, "18.0.1.4.0", "18.0.1.3.0")
        self.assertEqual(template.partner_to, "{{ object.collector_id.partner_id.id }}")
