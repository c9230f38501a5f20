from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestPromise(CreditLimitTestCommon):
    """A promise pauses dunning until its date plus the grace days; the scheduled
    action marks it kept by the payments, or broken, and dunning resumes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.friendly = cls.env.ref("credit_collection.credit_dunning_level_friendly")
        cls.firm = cls.env.ref("credit_collection.credit_dunning_level_firm")
        cls.invoice = cls._invoice(500.0, "2026-06-20")  # 10 days late
        cls.invoice.dunning_level_id = cls.friendly  # already sent

    def _promise(self, date="2026-07-10", **values):
        return self.env["credit.promise"].create(
            {
                "partner_id": self.customer.id,
                "move_ids": [Command.set(self.invoice.ids)],
                "date_promised": date,
                **values,
            }
        )

    def test_broken_promise_resumes_dunning_at_the_next_level(self):
        promise = self._promise()
        self.assertEqual((promise.amount, str(promise.date_deadline)), (500.0, "2026-07-13"))
        with freeze_time("2026-07-13"):  # last day of grace
            self.env["credit.promise"]._cron_check_promises()
            self.assertEqual(promise.state, "open")
            self.assertEqual(self._planned(), {})
        with freeze_time("2026-07-14"):
            self._pay(self.invoice, 200.0, "2026-07-05")
            self.env["credit.promise"]._cron_check_promises()
            self.env["credit.promise"]._cron_check_promises()  # twice: one note only
            self.assertEqual(
                (promise.state, promise.amount_collected, str(promise.date_closed)),
                ("broken", 200.0, "2026-07-14"),
            )
            notes = self.customer.message_ids.filtered(lambda m: "is broken" in (m.body or ""))
            self.assertEqual(len(notes), 1)
            # 24 days late: the firm level (21) is due; the friendly one was sent.
            self.assertEqual(self._planned(), {self.invoice.id: self.firm.id})

    def test_broken_promise_gives_the_next_level_at_once(self):
        self._promise(date="2026-07-01")
        with freeze_time("2026-07-05"):  # 15 days late: firm is not reached yet
            self.env["credit.promise"]._cron_check_promises()
            self.assertEqual(self._planned(), {self.invoice.id: self.firm.id})
            self.invoice.write(
                {"dunning_level_id": self.firm.id, "dunning_last_date": "2026-07-05"}
            )
        with freeze_time("2026-07-06"):  # the broken promise gave its level once
            self.assertEqual(self._planned(), {})

    def test_kept_promise_and_keeping_rate(self):
        kept = self._promise()
        self._pay(self.invoice, 500.0, "2026-07-08")
        with freeze_time("2026-07-08"):
            self.env["credit.promise"]._cron_check_promises()
        self.assertEqual((kept.state, kept.amount_collected), ("kept", 500.0))
        other = self._invoice(100.0, "2026-06-20")
        self.env["credit.promise"].create(
            {
                "partner_id": self.customer.id,
                "move_ids": [Command.set(other.ids)],
                "date_promised": "2026-07-01",
            }
        )
        with freeze_time("2026-07-20"):
            self.env["credit.promise"]._cron_check_promises()
        customer = self.customer.with_company(self.company)
        self.assertEqual(customer.credit_promise_kept_rate, 50.0)
        self.assertEqual(customer.credit_promise_kept_summary, "1 of 2 kept")

    def test_payments_before_the_promise_do_not_count(self):
        self._pay(self.invoice, 100.0, "2026-06-25")
        promise = self._promise(amount=400.0)
        with freeze_time("2026-07-20"):
            self.env["credit.promise"]._cron_check_promises()
        self.assertEqual((promise.state, promise.amount_collected), ("broken", 0.0))

    def test_bad_input(self):
        with self.assertRaises(ValidationError) as error:
            self._promise(date="2026-06-01")
        self.assertIn("past", str(error.exception))
        with self.assertRaises(ValidationError):
            self.env["credit.promise"].create(
                {
                    "partner_id": self.env["res.partner"].create({"name": "Other"}).id,
                    "move_ids": [Command.set(self.invoice.ids)],
                    "date_promised": "2026-07-10",
                }
            )

    def test_check_queries_do_not_grow_with_promises(self):
        def check():  # before the deadlines: each broken promise would post its notes
            self.env.invalidate_all()
            with freeze_time("2026-07-05"):
                self.env["credit.promise"]._cron_check_promises()
            self.env.flush_all()

        self._promise()
        self.env.flush_all()
        check()  # warms the caches: the count below is the steady one
        with self.assertQueryCount(11):
            check()
        invoices = [self._invoice(50.0 + index, "2026-06-20") for index in range(10)]
        self.env["credit.promise"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "move_ids": [Command.set(invoice.ids)],
                    "date_promised": "2026-07-10",
                }
                for invoice in invoices
            ]
        )
        self.env.flush_all()
        check()
        with self.assertQueryCount(11):
            check()
