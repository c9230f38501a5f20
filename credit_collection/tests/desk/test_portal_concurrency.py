from contextlib import ExitStack, closing
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase

from ..common import DEMO_COMPANY, needs_demo_data


@needs_demo_data
class TestPortalConcurrency(TransactionCase):
    """Requests sent at the same moment, each in its own database transaction (as two
    browser tabs would), are counted: one of them is recorded, the other asked to try
    again. Nothing is committed."""

    def _new_env(self, stack):
        cr = stack.enter_context(closing(self.registry.cursor()))
        stack.callback(cr.rollback)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _open_invoices(self):
        promised = self.env["credit.promise"].search([]).partner_id
        invoices = self.env["account.move"].search(
            [
                ("company_id", "=", self.env.ref(DEMO_COMPANY).id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("commercial_partner_id", "not in", promised.ids),
            ]
        )
        first = invoices[:1]
        other = invoices.filtered(lambda m: m.commercial_partner_id != first.commercial_partner_id)
        return first, other[:1]

    def test_parallel_requests_of_one_customer_are_taken_one_at_a_time(self):
        invoice, other_customers = self._open_invoices()
        self.assertTrue(invoice and other_customers, "the demo has open invoices")
        day = fields.Date.today() + timedelta(days=10)
        with ExitStack() as stack:
            env_a, env_b = self._new_env(stack), self._new_env(stack)
            promise = env_a["credit.promise"]._create_from_portal(
                env_a["account.move"].browse(invoice.id), day
            )
            self.assertEqual(promise.channel, "portal")
            with self.assertRaisesRegex(UserError, "try again in a moment"):
                env_b["credit.promise"]._create_from_portal(
                    env_b["account.move"].browse(invoice.id), day
                )
            self.assertFalse(
                env_b["credit.promise"].search([("move_ids", "in", invoice.ids)]),
                "the second request recorded nothing",
            )
            # Another customer's request is not held up.
            other = env_b["credit.promise"]._create_from_portal(
                env_b["account.move"].browse(other_customers.id), day
            )
            self.assertEqual(other.partner_id, other_customers.commercial_partner_id)
