from contextlib import ExitStack, closing

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase

from .common import needs_demo_data


@needs_demo_data
class TestDunningConcurrency(TransactionCase):
    """Two runs sending at the same time, each in its own database transaction.

    Both transactions work on the committed demo data and are rolled back at
    the end: nothing of this test persists.
    """

    def _new_env(self, stack):
        cr = stack.enter_context(closing(self.registry.cursor()))
        stack.callback(cr.rollback)
        # A run that waited for the other's locks would fail here instead of hanging.
        cr.execute("SET LOCAL lock_timeout = '10s'")
        return api.Environment(cr, SUPERUSER_ID, {})

    def test_two_runs_at_once_send_each_invoice_once(self):
        company_id = self.env.ref("credit_collection.demo_company_fr").id
        with ExitStack() as stack:
            env_a, env_b = self._new_env(stack), self._new_env(stack)
            run_a = env_a["credit.dunning.run"]._plan_run(env_a["res.company"].browse(company_id))
            run_b = env_b["credit.dunning.run"]._plan_run(env_b["res.company"].browse(company_id))
            planned = run_b.communication_ids.line_ids.move_id
            self.assertTrue(planned, "the demo company has invoices to dun")
            self.assertEqual(run_a.communication_ids.line_ids.move_id.ids, planned.ids)

            run_a.action_send()  # not committed yet: its invoices stay locked
            run_b.action_send()

            sent_a = run_a.communication_ids.line_ids.filtered("sent")
            self.assertEqual(sent_a.move_id.ids, planned.ids)
            self.assertFalse(run_b.communication_ids.line_ids.filtered("sent"))
            self.assertEqual(set(run_b.communication_ids.mapped("state")), {"cancelled"})
            self.assertEqual(run_b.state, "done")
