from freezegun import freeze_time

from odoo import Command, models
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import CreditLimitTestCommon, create_credit_users

TODAY = "2026-06-30"


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestAgeing(CreditLimitTestCommon):
    """Buckets, residuals and the as-of date, on hand-computed figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Ageing Customer", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Accounts Payable", "parent_id": cls.customer.id, "type": "invoice"}
        )

    def _lines(self, at_date=None, **domain):
        model = self.env["credit.ageing.line"]
        # rows of every date share their ids (the journal items): drop cached values
        model.invalidate_model()
        if at_date:
            model = model.with_context(credit_ageing_date=at_date)
        return model.search(
            [("company_id", "=", self.company.id)] + [(k, "=", v) for k, v in domain.items()]
        )

    def _line(self, move, at_date=None):
        return self._lines(at_date=at_date, move_id=move.id)

    def test_bucket_edges(self):
        cases = {
            "2026-07-10": (-10, "not_due"),
            "2026-06-30": (0, "not_due"),
            "2026-06-29": (1, "1_30"),
            "2026-05-31": (30, "1_30"),
            "2026-05-30": (31, "31_60"),
            "2026-03-02": (120, "91_120"),
            "2026-03-01": (121, "over_120"),
        }
        for due, (days, bucket) in cases.items():
            invoice = self._invoice(100.0, due, invoice_date=min(due, "2026-06-30"))
            line = self._line(invoice)
            self.assertEqual((line.days_past_due, line.bucket), (days, bucket), due)
            self.assertEqual(line.amount_residual, 100.0)

    def test_contacts_roll_up_to_the_customer(self):
        invoice = self._invoice(
            250.0, "2026-06-15", invoice_date="2026-06-01", partner=self.contact
        )
        self.assertEqual(self._line(invoice).partner_id, self.customer)

    def test_segment_of_the_customer_in_the_line_company(self):
        segment_b = self.env.ref("credit_collection.credit_risk_segment_b")
        other_company = self.setup_other_company(name="Ageing Company 3")["company"]
        self.customer.with_company(self.company).credit_risk_segment_id = segment_b
        self.customer.with_company(self.company).credit_collector_id = self.env.user
        own = self._invoice(250.0, "2026-06-15", invoice_date="2026-06-01", partner=self.contact)
        other = self._invoice(100.0, "2026-06-15", invoice_date="2026-06-01", company=other_company)
        self.assertEqual(self._line(own).credit_risk_segment_id, segment_b)
        self.assertEqual(self._line(own).credit_collector_id, self.env.user)
        other_line = self.env["credit.ageing.line"].search([("move_id", "=", other.id)])
        self.assertFalse(other_line.credit_risk_segment_id)
        groups = self.env["credit.ageing.line"].read_group(
            [("company_id", "=", self.company.id)],
            ["amount_residual:sum"],
            ["credit_risk_segment_id"],
        )
        self.assertEqual(groups[0]["credit_risk_segment_id"][0], segment_b.id)
        self.assertEqual(groups[0]["amount_residual"], 250.0)

    def test_partial_payments_before_and_after_the_date(self):
        invoice = self._invoice(1000.0, "2026-03-31", invoice_date="2026-03-01")
        self._pay(invoice, 300.0, "2026-04-15")
        self._pay(invoice, 200.0, "2026-06-10")
        today = self._line(invoice)
        self.assertEqual(
            (today.amount_residual, today.days_past_due, today.bucket), (500.0, 91, "91_120")
        )
        end_of_may = self._line(invoice, at_date="2026-05-31")
        self.assertEqual((end_of_may.amount_residual, end_of_may.bucket), (700.0, "61_90"))
        april = self._line(invoice, at_date="2026-04-10")
        self.assertEqual((april.amount_residual, april.bucket), (1000.0, "1_30"))
        self.assertFalse(self._line(invoice, at_date="2026-02-28"), "posted after the date")
        # the payments are fully reconciled now: no open payment rows today
        self.assertEqual(self._lines(partner_id=self.customer.id), today)

    def test_credit_note_reduces_and_unapplied_credit_note_is_negative(self):
        invoice = self._invoice(1000.0, "2026-04-30", invoice_date="2026-04-01")
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.customer.id,
                "invoice_date": "2026-05-15",
                "reversed_entry_id": invoice.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Return", "quantity": 1, "price_unit": 400.0, "tax_ids": []}
                    )
                ],
            }
        )
        refund.action_post()  # a credit note of an invoice is reconciled with it on posting
        self.assertEqual(self._line(invoice).amount_residual, 600.0)
        self.assertFalse(self._line(refund))
        self.assertEqual(self._line(invoice, at_date="2026-05-01").amount_residual, 1000.0)
        # before it was reconciled, the credit note was open on its own
        other_refund = refund.copy({"invoice_date": "2026-06-20", "reversed_entry_id": False})
        other_refund.action_post()
        self.assertEqual(self._line(other_refund).amount_residual, -400.0)

    def test_foreign_currency_in_company_currency(self):
        foreign = self.setup_other_currency("EUR", rates=[("2026-01-01", 2.0)])
        invoice = self._invoice(
            1000.0, "2026-06-10", invoice_date="2026-06-01", currency_id=foreign.id
        )
        line = self._line(invoice)
        self.assertEqual(line.document_currency_id, foreign)
        self.assertEqual(line.amount_residual_currency, 1000.0)
        self.assertEqual(line.amount_residual, 500.0)
        self.assertEqual(line.currency_id, self.company.currency_id)

    def test_companies_are_kept_apart(self):
        other_company = self.setup_other_company(name="Ageing Company 2")["company"]
        own = self._invoice(100.0, "2026-06-10", invoice_date="2026-06-01")
        other = self._invoice(200.0, "2026-06-10", invoice_date="2026-06-01", company=other_company)
        users = create_credit_users(self.env, self.company)
        controller = users["controller"]
        controller.company_ids = [Command.link(other_company.id)]
        lines = self.env["credit.ageing.line"].with_user(controller).with_company(self.company)
        visible = lines.search([]).move_id
        self.assertIn(own, visible)
        self.assertNotIn(other, visible)
        both = lines.with_context(allowed_company_ids=[self.company.id, other_company.id])
        self.assertIn(other, both.search([]).move_id)

    def test_salesperson_cannot_read_the_ageing(self):
        self._invoice(100.0, "2026-06-10", invoice_date="2026-06-01")
        salesman = create_credit_users(self.env, self.company)["salesman"]
        with self.assertRaises(AccessError):
            self.env["credit.ageing.line"].with_user(salesman).search([])

    def test_wizard_shows_the_pivot_at_the_date(self):
        wizard = self.env["credit.ageing.export"].create({"date": "2026-05-31"})
        action = wizard.action_show_ageing()
        self.assertEqual(action["res_model"], "credit.ageing.line")
        self.assertEqual(action["context"], {"credit_ageing_date": "2026-05-31"})
        with self.assertRaises(UserError):
            self.env["credit.ageing.export"].create({"date": "2026-07-01"})

    def test_buckets_come_in_order_even_when_empty(self):
        self._invoice(100.0, "2026-06-10", invoice_date="2026-06-01")
        groups = self.env["credit.ageing.line"].read_group(
            [("company_id", "=", self.company.id)], ["amount_residual:sum"], ["bucket"]
        )
        self.assertEqual(
            [group["bucket"] for group in groups],
            ["not_due", "1_30", "31_60", "61_90", "91_120", "over_120"],
        )
        self.assertEqual([group["amount_residual"] for group in groups], [0, 100.0, 0, 0, 0, 0])

    def test_pivot_fast_path_matches_the_generic_read_group(self):
        other = self.env["res.partner"].create({"name": "Another Customer"})
        self._invoice(100.0, "2026-06-10", invoice_date="2026-06-01")
        self._invoice(40.0, "2026-06-20", invoice_date="2026-06-01")
        self._invoice(250.0, "2026-01-31", invoice_date="2026-01-01", partner=other)
        lines = self.env["credit.ageing.line"]
        domain = [("company_id", "=", self.company.id)]
        args = (domain, ["amount_residual:sum"], ["partner_id", "bucket"])
        fast = lines.read_group(*args, lazy=False)
        generic = models.Model.read_group(lines, *args, lazy=False)

        def cells(groups):
            return {
                (g["partner_id"], g["bucket"]): (g["amount_residual"], g["__count"]) for g in groups
            }

        self.assertEqual(cells(fast), cells(generic))
        self.assertEqual(
            [(g["partner_id"][1], g["bucket"], g["amount_residual"]) for g in fast],
            [("Ageing Customer", "1_30", 140.0), ("Another Customer", "over_120", 250.0)],
        )
        for group in fast:
            total = sum(lines.search(group["__domain"]).mapped("amount_residual"))
            self.assertEqual(total, group["amount_residual"])
            self.assertEqual(lines.search_count(group["__domain"]), group["__count"])
        salesman = create_credit_users(self.env, self.company)["salesman"]
        with self.assertRaises(AccessError):
            lines.with_user(salesman).read_group(*args, lazy=False)

    def test_pivot_shows_a_customer_renamed_in_the_same_transaction(self):
        self._invoice(100.0, "2026-06-10", invoice_date="2026-06-01")
        self.customer.name = "Ageing Customer Renamed"  # not flushed yet
        groups = self.env["credit.ageing.line"].read_group(
            [("company_id", "=", self.company.id)],
            ["amount_residual:sum"],
            ["partner_id", "bucket"],
            lazy=False,
        )
        self.assertEqual([g["partner_id"][1] for g in groups], ["Ageing Customer Renamed"])
