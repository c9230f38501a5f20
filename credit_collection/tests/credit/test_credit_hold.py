from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from ..common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestCreditHold(CreditLimitTestCommon):
    """Manual and automatic credit holds, and who may set them."""

    @classmethod
    def default_env_context(cls):
        return {}  # hold changes are tracked in the chatter: let the tests see them

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.segment_c = cls.env.ref("credit_collection.credit_risk_segment_c")  # 7 days, 500
        cls.customer.with_company(cls.company).credit_risk_segment_id = cls.segment_c

    def _held(self):
        customer = self.customer.with_company(self.company)
        customer.invalidate_recordset()
        return customer

    def _tracked_hold_changes(self):
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking messages are written before commit
        return self.customer.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "credit_hold"
        )

    def test_controller_puts_on_hold_with_a_reason(self):
        wizard_action = self.customer.with_user(self.users["controller"]).action_credit_hold()
        wizard = (
            self.env[wizard_action["res_model"]]
            .with_user(self.users["controller"])
            .with_context(**wizard_action["context"])
            .create({"reason": "Cheque returned unpaid"})
        )
        wizard.action_hold()
        customer = self._held()
        self.assertTrue(customer.credit_hold)
        self.assertEqual(customer.credit_hold_type, "manual")
        self.assertEqual(customer.credit_hold_user_id, self.users["controller"])
        self.assertEqual(str(customer.credit_hold_date), "2026-06-30 00:00:00")
        self.assertEqual(len(self._tracked_hold_changes()), 1)
        customer.with_user(self.users["controller"]).action_credit_release()
        self.assertFalse(self._held().credit_hold)

    def test_salesperson_cannot_hold_nor_release(self):
        customer = self.customer.with_user(self.users["salesman"])
        with self.assertRaises(AccessError):
            customer._credit_put_on_hold("Because")
        with self.assertRaises(AccessError):
            customer.write({"credit_hold": True})
        self.customer.with_company(self.company)._credit_put_on_hold("Dispute")
        with self.assertRaises(AccessError):
            customer.action_credit_release()
        self.assertTrue(self._held().credit_hold)

    def test_automatic_hold_then_release_on_payment(self):
        invoice = self._invoice(600.0, "2026-06-25")  # 5 days: within 7 days, but 600 > 500
        partner_model = self.env["res.partner"]
        partner_model._cron_credit_update_holds()
        partner_model._cron_credit_update_holds()  # twice: nothing more happens
        customer = self._held()
        self.assertTrue(customer.credit_hold)
        self.assertEqual(customer.credit_hold_type, "automatic")
        self.assertIn(
            "$\xa0600.00 overdue, oldest invoice 5 days late", customer.credit_hold_reason
        )
        self.assertEqual(len(self._tracked_hold_changes()), 1)
        self._pay(invoice, 150.0)  # 450 left: within the tolerance, released at once
        customer = self._held()
        self.assertFalse(customer.credit_hold)
        self.assertEqual(len(self._tracked_hold_changes()), 2)

    def test_days_tolerance_and_manual_holds_stay(self):
        self._invoice(100.0, "2026-06-20")  # 10 days > 7
        other = self.env["res.partner"].create({"name": "Manually Held", "is_company": True})
        other.with_company(self.company).credit_risk_segment_id = self.segment_c
        other.with_company(self.company)._credit_put_on_hold("Lawsuit")
        self.env["res.partner"]._cron_credit_update_holds()
        self.assertTrue(self._held().credit_hold)
        self.assertEqual(other.with_company(self.company).credit_hold_type, "manual")
        self.assertTrue(other.with_company(self.company).credit_hold)

    def test_hold_is_per_company(self):
        company_2 = self.setup_other_company(name="Second Company")["company"]
        self.customer.with_company(self.company)._credit_put_on_hold("Dispute")
        self.assertFalse(self.customer.with_company(company_2).credit_hold)
        self.customer.with_company(company_2).credit_limit = 500.0
        self.assertEqual(self.customer.with_company(self.company).credit_limit, 0.0)


@tagged("post_install", "-at_install")
class TestCreditRights(CreditLimitTestCommon):
    """Who may read and change limits, segments and holds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.customer.with_company(cls.company).credit_limit = 3000.0
        cls.segment_b = cls.env.ref("credit_collection.credit_risk_segment_b")

    def test_salesperson_reads_the_hold_not_the_figures(self):
        customer = self.customer.with_user(self.users["salesman"]).with_company(self.company)
        values = customer.read(["credit_hold", "credit_over_limit"])[0]
        self.assertEqual((values["credit_hold"], values["credit_over_limit"]), (False, False))
        with self.assertRaises(AccessError):
            customer.read(["credit_exposure", "credit_available", "credit_limit_amount"])
        values = customer.with_user(self.users["controller"]).read(["credit_available"])[0]
        self.assertEqual(values["credit_available"], 3000.0)

    def test_only_managers_change_limits_and_segments(self):
        for role in ("salesman", "controller"):
            customer = self.customer.with_user(self.users[role])
            with self.assertRaises(AccessError, msg=role):
                customer.sudo(False).write({"credit_limit": 1e9})
            with self.assertRaises(AccessError, msg=role):
                customer.write({"credit_risk_segment_id": self.segment_b.id})
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.users["controller"]).create(
                {"name": "Self-approved", "credit_limit": 1e9}
            )
        manager = self.customer.with_user(self.users["manager"])
        manager.write({"credit_limit": 4000.0, "credit_risk_segment_id": self.segment_b.id})
        self.assertEqual(self.customer.with_company(self.company).credit_limit, 4000.0)
        # An accountant edits customers, but not their limit; saving it unchanged is fine.
        accountant = new_test_user(
            self.env,
            login="cc_accountant",
            groups="account.group_account_invoice,base.group_partner_manager",
            company_id=self.company.id,
            company_ids=self.company.ids,
        )
        with self.assertRaises(AccessError):
            self.customer.with_user(accountant).write({"credit_limit": 5000.0})
        self.customer.with_user(accountant).write({"credit_limit": 4000.0, "ref": "C42"})

    def test_segment_proposes_its_limit_and_checks_payment_terms(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "90 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 100, "nb_days": 90})
                ],
            }
        )
        with Form(self.customer.with_user(self.users["manager"])) as form:
            form.credit_risk_segment_id = self.segment_b
            self.assertEqual(form.credit_limit, 20000.0)
            form.property_payment_term_id = term
        customer = self.customer.with_company(self.company)
        self.assertIn(
            "longer than the 45 days allowed in segment B", customer.credit_payment_term_warning
        )

    def test_french_legal_cap_on_payment_terms(self):
        def term(name, nb_days, delay_type="days_after", days_next_month="10"):
            return self.env["account.payment.term"].create(
                {
                    "name": name,
                    "line_ids": [
                        Command.create(
                            {
                                "value": "percent",
                                "value_amount": 100,
                                "nb_days": nb_days,
                                "delay_type": delay_type,
                                "days_next_month": days_next_month,
                            }
                        )
                    ],
                }
            )

        self.assertTrue(term("60 days", 60)._credit_within_french_cap())
        self.assertFalse(term("61 days", 61)._credit_within_french_cap())
        self.assertTrue(term("45 EOM", 45, "days_after_end_of_month")._credit_within_french_cap())
        self.assertFalse(term("50 EOM", 50, "days_after_end_of_month")._credit_within_french_cap())
        # "45 days end of month" the other way: 45 days, then the end of that month.
        self.assertTrue(
            term("45 days EOM", 45, "days_end_of_month_on_the", "0")._credit_within_french_cap()
        )
        # invoice of 14 January 2024: 1 March, end of month 31 March > 17 March
        self.assertFalse(
            term("46 days EOM", 46, "days_end_of_month_on_the", "0")._credit_within_french_cap()
        )
        # "45 days end of month on the 31st": invoice of 1 January due 31 March
        self.assertFalse(
            term("45 EOM 31st", 45, "days_end_of_month_on_the", "31")._credit_within_french_cap()
        )
        # End of next month: at most 61 days, within "end of month + 45 days"
        self.assertTrue(
            term("End of next month", 0, "days_after_end_of_next_month")._credit_within_french_cap()
        )
        self.assertEqual(term("30 EOM", 30, "days_after_end_of_month")._credit_longest_delay(), 60)
        french = self.env["res.partner"].create(
            {"name": "Client Français", "country_id": self.env.ref("base.fr").id}
        )
        french.property_payment_term_id = term("75 days", 75)
        self.assertIn("French legal maximum", french.credit_payment_term_warning)
        french.country_id = self.env.ref("base.be")
        self.assertFalse(french.credit_payment_term_warning)

    def test_french_invoice_due_date_beyond_the_cap_warns(self):
        french = self.env["res.partner"].create(
            {"name": "Client Français", "country_id": self.env.ref("base.fr").id}
        )
        # 1 January: 60 days is 2 March, end of January + 45 days is 17 March.
        late = self._invoice(
            100.0, "2026-03-31", partner=french, post=False, invoice_date="2026-01-01"
        )
        self.assertEqual(
            late.credit_due_date_warning,
            "Due date 03/31/2026 is beyond the French legal maximum: for an invoice dated "
            "01/01/2026, 03/17/2026 at the latest. 60 days from the invoice date or 45 days end "
            "of month (article L441-10 I of the Commercial Code).",
        )
        late.invoice_date_due = "2026-03-17"
        self.assertFalse(late.credit_due_date_warning)
        late.invoice_date_due = "2026-03-31"
        self.assertTrue(late.credit_due_date_warning)
        french.country_id = self.env.ref("base.be")  # the French cap no longer applies
        self.assertFalse(late.credit_due_date_warning)

    def test_new_customer_form(self):
        with Form(self.env["res.partner"].with_user(self.users["manager"])) as form:
            form.name = "Brand New Customer"
            form.company_type = "company"
            form.credit_risk_segment_id = self.segment_b
            self.assertEqual(form.credit_exposure, 0.0)
            self.assertEqual(form.credit_limit, 20000.0)
        customer = form.record.with_company(self.company)
        self.assertEqual(customer.credit_limit, 20000.0)
        self.assertEqual(customer.credit_available, 20000.0)
