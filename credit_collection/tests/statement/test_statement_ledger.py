from freezegun import freeze_time

from odoo.tests import tagged

from .common import StatementTestCommon

MONTH_ENDS = ("2024-12-31", "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30",
              "2026-05-31", "2026-06-30")  # fmt: skip


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestStatementLedger(StatementTestCommon):
    """A statement's balance is the ledger's: the sum of the customer's receivable lines
    at its date, with credit notes, partial payments, foreign currencies and unapplied
    payments; each period opens on the previous one's closing."""

    def test_outstanding_closing_is_the_ledger_balance(self):
        for date in MONTH_ENDS:
            statement = self._statement("outstanding", date)
            figures = statement._values()[statement.id]
            self.assertAlmostEqual(statement.balance, self._ledger_balance(date), 2, date)
            self.assertAlmostEqual(sum(figures["buckets"].values()), statement.balance, 2, date)
            self.assertAlmostEqual(
                sum(item["residual"] for item in figures["items"]), statement.balance, 2, date
            )

    def test_activity_opens_on_the_previous_closing(self):
        previous = None
        for date_from, date_to in (
            ("2024-01-01", "2025-12-31"), ("2026-01-01", "2026-03-31"),
            ("2026-04-01", "2026-04-30"), ("2026-05-01", "2026-06-30"),
        ):  # fmt: skip
            statement = self._statement("activity", date_to, date_from)
            figures = statement._values()[statement.id]
            self.assertAlmostEqual(statement.balance, self._ledger_balance(date_to), 2)
            if previous is not None:
                self.assertAlmostEqual(figures["opening"], previous, 2, date_from)
            previous = statement.balance

    def test_items_at_a_past_date(self):
        """Before the payment of 10 April, the first invoice is open in full; after it,
        for its rest. The invoice settled by a credit note is open for the rest."""
        before = self._statement("outstanding", "2026-04-05")
        items = {item["name"]: item for item in before._values()[before.id]["items"]}
        self.assertEqual(items[self.first.name]["residual"], 1000.0)
        self.assertEqual(items[self.second.name]["residual"], 300.0)
        self.assertNotIn(self.refund.name, items)
        self.assertEqual(items[self.old.name]["bucket"], "over_90")
        self.assertEqual(items[self.first.name]["days_late"], 55)

        after = self._statement("outstanding", "2026-06-30")
        figures = after._values()[after.id]
        items = {item["name"]: item for item in figures["items"]}
        self.assertEqual(items[self.first.name]["residual"], 700.0)
        self.assertEqual(items[self.in_euros.name]["residual"], 300.0)
        self.assertEqual(items[self.in_euros.name]["residual_currency"], 600.0)
        self.assertEqual(items[self.unapplied.move_id.name]["residual"], -150.0)
        # 80 + 700 + 300 + 300 (600 in the other currency) - 150 unapplied
        self.assertEqual(after.balance, 1230.0)
        totals = dict(after._currency_totals(figures["items"]))
        self.assertEqual(totals[self.foreign], 600.0)
        self.assertEqual(totals[self.company.currency_id], 930.0)

    def test_activity_lists_each_document_once(self):
        statement = self._statement("activity", "2026-04-30", "2026-03-01")
        figures = statement._values()[statement.id]
        self.assertEqual(figures["opening"], 1080.0)
        self.assertEqual(
            [(e["debit"], e["credit"]) for e in figures["entries"]],
            [(500.0, 0.0), (0.0, 200.0), (0.0, 300.0)],
        )
        self.assertEqual(
            [e["name"] for e in figures["entries"][:2]], [self.second.name, self.refund.name]
        )
        self.assertEqual([e["balance"] for e in figures["entries"]], [1580.0, 1380.0, 1080.0])
        self.assertEqual(statement.balance, 1080.0)
        labels = [statement._document_label(e) for e in figures["entries"]]
        self.assertEqual(labels, ["Invoice", "Credit Note", "Payment"])

    def test_a_contact_is_stated_as_its_company(self):
        statement = self._statement("outstanding", "2026-06-30", partner=self.contact)
        self.assertEqual(statement.partner_id, self.customer)
        self.assertEqual(statement.balance, 1230.0)
