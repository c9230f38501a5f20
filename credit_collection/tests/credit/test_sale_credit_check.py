from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged, users
from odoo.tools import SQL

from ..common import CreditLimitTestCommon, copy_posted_invoice, create_credit_users


class SaleCreditCheckCommon(CreditLimitTestCommon):
    """A customer with a 10,000 limit owing 7,000 (8,000 overdue less a 1,000 credit note)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.customer.with_company(cls.company).credit_limit = 10000.0
        cls._invoice(8000.0, "2026-06-10")  # overdue 20 days
        cls._invoice(1000.0, "2026-06-15", move_type="out_refund")

    def _as(self, role, record):
        return record.with_user(self.users[role])


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestSaleCreditCheck(SaleCreditCheckCommon):
    """Confirming quotations against holds, prepayment segments and limits."""

    def test_within_limit_confirms(self):
        order = self._quotation(
            30, user=self.users["salesman"]
        )  # 7000 + 3000 = 10000: exactly the limit
        self.assertFalse(order.credit_blocked)
        self._as("salesman", order).action_confirm()
        self.assertEqual(order.state, "sale")
        next_order = self._quotation(1)
        self.assertTrue(next_order.credit_blocked)  # the confirmed order now counts

    def test_over_limit_is_refused_with_the_numbers(self):
        self._invoice(500.0, "2026-07-31", post=False)
        order = self._quotation(40, user=self.users["salesman"])  # 4000
        self.assertTrue(order.credit_blocked)
        with self.assertRaises(UserError) as refusal:
            self._as("salesman", order).action_confirm()
        message = str(refusal.exception)
        for expected in (
            "Limit Customer would exceed its credit limit.",
            "Credit limit: $\xa010,000.00",
            "Open receivables: $\xa07,000.00 (of which overdue: $\xa07,000.00)",
            "Draft invoices: $\xa0500.00",
            "Confirmed orders not invoiced: $\xa00.00",
            "This order: $\xa04,000.00",
            "Total exposure: $\xa011,500.00",
            "Excess: $\xa01,500.00",
            "Request Credit Approval",
        ):
            self.assertIn(expected, message)
        self.assertEqual(order.state, "draft")
        # The banner shows the same figures as the refusal.
        self.assertIn("Excess: $\xa01,500.00", order.partner_credit_warning)

    def test_hold_and_prepayment_block_even_within_limit(self):
        order = self._quotation(1)
        self.customer.with_company(self.company)._credit_put_on_hold("Cheque bounced")
        self.assertIn(
            "Limit Customer is on credit hold: Cheque bounced", order.credit_block_message
        )
        self.customer.with_company(self.company)._credit_release()
        self.customer.with_company(self.company).credit_risk_segment_id = self.env.ref(
            "credit_collection.credit_risk_segment_d"
        )
        order.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "requires prepayment"):
            order.action_confirm()

    def test_company_that_only_warns_confirms_over_the_limit(self):
        self.company.credit_block_over_limit = False
        self.company.account_use_credit_limit = True
        order = self._quotation(40, user=self.users["salesman"])  # 7000 + 4000 of 10,000
        self.assertFalse(order.credit_blocked)
        self.assertIn(
            "Limit Customer has reached its credit limit of: $\xa010,000.00",
            order.partner_credit_warning,
        )  # core's warning
        self.assertNotIn(order, self.env["sale.order"].search([("credit_blocked", "=", True)]))
        self._as("salesman", order).action_confirm()
        self.assertEqual(order.state, "sale")
        draft = self._invoice(3500.0, "2026-07-31", post=False).with_company(self.company)
        self.assertIn(
            "Total amount due (including this document): $\xa010,500.00",
            draft.partner_credit_warning,
        )  # core's warning: 7,000 due + this 3,500
        self.assertNotIn("Excess", draft.partner_credit_warning)
        # A customer on hold stays blocked, and the banner says why first.
        self.customer.with_company(self.company)._credit_put_on_hold("Cheque bounced")
        held = self._quotation(1, user=self.users["salesman"])
        self.assertTrue(held.credit_blocked)
        self.assertTrue(held.partner_credit_warning.startswith("Limit Customer is on credit hold"))
        self.assertIn(held, self.env["sale.order"].search([("credit_blocked", "=", True)]))
        with self.assertRaisesRegex(UserError, "Cheque bounced"):
            self._as("salesman", held).action_confirm()

    def test_blocked_filter(self):
        blocked, fine = self._quotation(40), self._quotation(1)
        found = self.env["sale.order"].search([("credit_blocked", "=", True)])
        self.assertIn(blocked, found)
        self.assertNotIn(fine, found)
        self.assertIn(fine, self.env["sale.order"].search([("credit_blocked", "=", False)]))

    def test_blocked_filter_agrees_with_the_check_in_constant_queries(self):
        held = self.env["res.partner"].create({"name": "Held Customer", "is_company": True})
        held.with_company(self.company)._credit_put_on_hold("Cheque returned")
        prepaying = self.env["res.partner"].create({"name": "Prepaying", "is_company": True})
        prepaying.with_company(self.company).credit_risk_segment_id = self.env.ref(
            "credit_collection.credit_risk_segment_d"
        )
        approved = self._quotation(50)
        approved._credit_approve(5000.0, "Guarantee", 7)
        quotations = (
            self._quotation(40)  # over the limit
            | self._quotation(1)  # within it
            | self._quotation(1, partner=held)
            | self._quotation(1, partner=prepaying)
            | approved
            | self._quotation(31, partner=self.contact)  # 7000 + 3100: its company is over
        )
        expected = quotations.browse(quotations._credit_block_messages())
        self.assertEqual(len(expected), 4)
        self.env.invalidate_all()
        # The search itself, the companies, the receivable accounts, each company's currency
        # and the user's time zone: nothing per quotation.
        with self.assertQueryCount(11):
            found = self.env["sale.order"].search(
                [("id", "in", quotations.ids), ("credit_blocked", "=", True)]
            )
        self.assertEqual(found, expected)
        for _index in range(5):
            self._quotation(1, partner=held)
        self.env.invalidate_all()
        with self.assertQueryCount(11):
            self.env["sale.order"].search([("credit_blocked", "=", True)])
        not_blocked = self.env["sale.order"].search(
            [("id", "in", quotations.ids), ("credit_blocked", "!=", True)]
        )
        self.assertEqual(not_blocked, quotations - expected)

    def test_blocked_filter_sees_unsaved_changes(self):
        order = self._quotation(20)  # 7000 + 2000: within the limit
        self.assertFalse(
            self.env["sale.order"].search([("id", "=", order.id), ("credit_blocked", "=", True)])
        )
        order.order_line.product_uom_qty = 40  # not flushed yet
        self.assertEqual(
            self.env["sale.order"].search([("id", "=", order.id), ("credit_blocked", "=", True)]),
            order,
        )

    def test_exposure_sees_unsaved_order_changes(self):
        order = self._quotation(10)
        order.action_confirm()
        customer = self.customer.with_company(self.company)
        self.assertEqual(customer.credit_order_amount, 1000.0)
        order.order_line.product_uom_qty = 25  # not flushed yet
        customer.invalidate_recordset()
        self.assertEqual(customer.credit_order_amount, 2500.0)

    @users("cc_salesman")
    def test_salesperson_confirms_through_the_form(self):
        with Form(self.env["sale.order"]) as form:
            form.partner_id = self.customer
            with form.order_line.new() as line:
                line.product_id = self.product
                line.product_uom_qty = 40
                line.tax_id.clear()
        order = form.record
        self.assertTrue(order.credit_blocked)
        with self.assertRaisesRegex(UserError, "Excess: \\$\xa01,000.00"):
            order.action_confirm()
        with Form(order) as form, form.order_line.edit(0) as line:
            line.product_uom_qty = 30  # 7000 + 3000: exactly the limit
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_each_company_checks_its_own_limit_and_exposure(self):
        company_2 = self.setup_other_company(name="Credit Company 2")["company"]
        self.customer.with_company(company_2).credit_limit = 500.0
        # Company 2 knows nothing of the 7,000 owed to the first company.
        order_2 = (
            self.env["sale.order"]
            .with_company(company_2)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": company_2.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": 4,
                                "price_unit": 100.0,
                                "tax_id": [],
                            }
                        )
                    ],
                }
            )
        )
        self.assertFalse(order_2.credit_blocked)  # 400 of 500
        order_2.order_line.product_uom_qty = 6
        self.assertTrue(order_2.credit_blocked)  # 600 of 500
        self.assertIn("Credit limit: $\xa0500.00", order_2.credit_block_message)
        self.assertIn("Open receivables: $\xa00.00", order_2.credit_block_message)
        order_1 = self._quotation(30)  # the first company: 7000 + 3000 of 10,000
        self.assertFalse(order_1.credit_blocked)
        blocked = self.env["sale.order"].search(
            [("id", "in", (order_1 | order_2).ids), ("credit_blocked", "=", True)]
        )
        self.assertEqual(blocked, order_2)

    def test_draft_invoice_banner_shows_the_over_limit_figures(self):
        draft = self._invoice(4000.0, "2026-07-31", post=False)
        banner = draft.partner_credit_warning
        for expected in (
            "Limit Customer is over its credit limit.",
            "Draft invoices: $\xa04,000.00",
            "Total exposure: $\xa011,000.00",
            "Excess: $\xa01,000.00",
        ):
            self.assertIn(expected, banner)
        self.assertNotIn("This order", banner)

    def test_order_inserted_by_code_that_ignores_the_module(self):
        # As core's own tests or another module's data would: the module's columns absent
        # (Inventory's own required column given, when the bridge addon brought it).
        stock = "picking_policy" in self.env["sale.order"]._fields
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO sale_order (name, company_id, currency_id, partner_id,
                                        partner_invoice_id, partner_shipping_id, date_order,
                                        state %s)
                     VALUES ('SQL/1', %s, %s, %s, %s, %s, now(), 'draft' %s)
                  RETURNING id
                """,
                SQL(", picking_policy" if stock else ""),
                self.company.id,
                self.company.currency_id.id,
                self.customer.id,
                self.customer.id,
                self.customer.id,
                SQL(", 'direct'" if stock else ""),
            )
        )
        order = self.env["sale.order"].browse(self.env.cr.fetchone()[0])
        self.assertEqual(order.credit_approval_state, "none")
        self.assertFalse(order.credit_blocked)  # nothing ordered yet

    def test_check_queries_do_not_grow_with_the_history(self):
        self.customer.with_company(self.company).credit_limit = 10_000_000.0
        invoice = self._invoice(10.0, "2026-06-10")
        order = self._quotation(1)
        store = self.env["credit.exposure.store"]
        store._cron_store_stale()
        order._confirmation_error_message()  # receivable accounts and the query, cached
        owed = self.customer.credit_receivable_amount
        for invoices in (1, 20_000):
            self.env.invalidate_all()
            # Reading the order afresh; 1 for its online payments, 1 for the check.
            with self.assertQueryCount(18):
                self.assertFalse(order._confirmation_error_message())
            self.assertEqual(self.customer.credit_receivable_amount, owed + 10.0 * (invoices - 1))
            if invoices == 1:
                copy_posted_invoice(self.env, invoice, 19_999)
                store._cron_store_stale()
        # Changed in the last minutes: its exposure is computed, one query more.
        self._invoice(10.0, "2026-06-10")
        self.env.invalidate_all()
        with self.assertQueryCount(19):
            self.assertFalse(order._confirmation_error_message())

    def test_posting_refused_on_hold_when_the_company_says_so(self):
        draft = self._invoice(100.0, "2026-07-31", post=False)
        self.customer.with_company(self.company)._credit_put_on_hold("Dispute")
        draft.action_post()  # the option is off by default
        self.company.credit_block_invoice_on_hold = True
        second = self._invoice(100.0, "2026-07-31", post=False)
        with self.assertRaisesRegex(UserError, "on credit hold"):
            second.action_post()
        self.assertEqual(second.state, "draft")
        refund = self._invoice(100.0, "2026-07-31", post=False, move_type="out_refund")
        refund.action_post()  # credit notes still go through
        self.assertIn("on credit hold: Dispute", second.partner_credit_warning)
