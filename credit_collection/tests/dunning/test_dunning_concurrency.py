from contextlib import ExitStack, closing
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase

from ...models.dunning import credit_dunning_dispatcher
from ..common import always_send, needs_demo_data

SENDING_HOURS = ["credit_sending_hour_from", "credit_sending_hour_to", "credit_sending_weekends"]


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

    def _committed_run(self, stack, company_id):
        """A run being sent, committed so that every worker's transaction sees it;
        deleted at the end."""
        with closing(self.registry.cursor()) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env["res.company"].browse(company_id)
            hours = company.read(SENDING_HOURS)[0]
            always_send(company)  # whatever the hour the test runs at
            run = env["credit.dunning.run"]._plan_run(company, state="running")
            # Committed: the workers' own transactions must see it.
            cr.commit()  # pylint: disable=invalid-commit
        stack.callback(self._delete_run, run.id, hours)
        return run.id

    def _delete_run(self, run_id, hours):
        with closing(self.registry.cursor()) as cr:
            run = api.Environment(cr, SUPERUSER_ID, {})["credit.dunning.run"].browse(run_id)
            run.company_id.write({name: hours[name] for name in SENDING_HOURS})
            run.activity_ids.unlink()
            run.unlink()
            # Committed: the workers' own transactions must see it.
            cr.commit()  # pylint: disable=invalid-commit

    def test_two_workers_send_one_run_in_disjoint_batches(self):
        company_id = self.env.ref("credit_collection.demo_company_fr").id
        with ExitStack() as stack:
            run_id = self._committed_run(stack, company_id)
            env_a, env_b = self._new_env(stack), self._new_env(stack)
            planned = env_a["credit.dunning.run"].browse(run_id).communication_ids
            self.assertGreaterEqual(len(planned), 3, "the demo company has customers to dun")
            with patch.object(credit_dunning_dispatcher, "BATCH_SIZE", 2):
                env_a[
                    "credit.dunning.dispatcher"
                ]._cron_send()  # not committed: its batch stays locked
                env_b["credit.dunning.dispatcher"]._cron_send()

            def sent(env):
                communications = env["credit.dunning.run"].browse(run_id).communication_ids
                return set(communications.filtered(lambda c: c.state == "sent").ids)

            sent_a, sent_b = sent(env_a), sent(env_b)
            self.assertEqual(len(sent_a), 2)
            self.assertTrue(sent_b)
            self.assertFalse(sent_a & sent_b, "no communication is sent by both workers")
            mails = env_b["mail.mail"].search(
                [("model", "=", "credit.dunning.communication"), ("res_id", "in", planned.ids)]
            )
            self.assertFalse(set(mails.mapped("res_id")) & sent_a)
