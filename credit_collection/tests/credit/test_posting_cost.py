from odoo.tests import tagged

from ..common import CreditLimitTestCommon, run_migration


@tagged("post_install", "-at_install")
class TestPostingCost(CreditLimitTestCommon):
    """What posting an invoice costs with the module: nothing more is read per invoice.
    A related field copies its target's ``tracking``: the customer's hold shown on
    invoices and orders would be read for the chatter at every write of them (one
    query and a compute per invoice posted); it is tracked on the customer only."""

    def test_the_hold_is_tracked_on_the_customer_only(self):
        self.assertIn("credit_hold", self.env["res.partner"]._track_get_fields())
        self.assertNotIn("credit_hold", self.env["account.move"]._track_get_fields())
        self.assertNotIn("credit_hold", self.env["sale.order"]._track_get_fields())

    def test_posting_reads_no_hold(self):
        invoice = self._invoice(100.0, "2026-07-31", post=False)
        self.env.flush_all()
        self.env.invalidate_all()
        invoice = invoice.browse(invoice.id)
        invoice.action_post()
        self.env.flush_all()
        # Nothing computed the invoice's hold: it is read when a screen shows it.
        self.assertFalse(self.env.cache.contains(invoice, invoice._fields["credit_hold"]))

    def _indexes_on_contacts(self, fields):
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'res_partner' AND indexname = ANY(%s)",
            [[f"res_partner__{name}_index" for name in fields]],
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def test_contacts_carry_no_index_of_the_module(self):
        """Every index of res_partner is weighed in each query on contacts (posting plans
        several an invoice): the module's company-dependent fields have none, and the
        18.0.1.5.3 migration drops those core gave them before."""
        ours = [
            name
            for name, field in self.env["res.partner"]._fields.items()
            if field.company_dependent and field._module == "credit_collection"
        ]
        self.assertEqual(len(ours), 14)
        self.assertEqual(self._indexes_on_contacts(ours), [])
        for name in ours:  # as 18.0.1.5.2 left them
            self.env.cr.execute(
                f"CREATE INDEX res_partner__{name}_index ON res_partner (({name} IS NOT NULL))"
                f" WHERE {name} IS NOT NULL"
            )
        self.assertEqual(len(self._indexes_on_contacts(ours)), 14)
        run_migration(self.env, "18.0.1.5.3", "18.0.1.5.2")
        self.assertEqual(self._indexes_on_contacts(ours), [])
        # The filter of Customer Balances still finds the customer on hold.
        customer = self.env["res.partner"].create({"name": "Held Customer"})
        customer._credit_put_on_hold("Unpaid since June")
        self.assertEqual(
            self.env["res.partner"].search([("credit_hold", "=", True), ("id", "=", customer.id)]),
            customer,
        )
