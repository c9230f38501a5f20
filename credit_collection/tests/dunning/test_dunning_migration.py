import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase, tagged

MIGRATION = Path(__file__).parents[2] / "migrations" / "18.0.1.1.0" / "post-migrate.py"


@tagged("post_install", "-at_install")
class TestDunningMigration(TransactionCase):
    """18.0.1.1.0 moves the dunning scheduled actions, kept by older databases
    (noupdate), from the run model to the dispatcher."""

    def test_scheduled_actions_move_to_the_dispatcher(self):
        crons = self.env.ref("credit_collection.ir_cron_dunning_run") | self.env.ref(
            "credit_collection.ir_cron_dunning_send"
        )
        crons.model_id = self.env["ir.model"]._get("credit.dunning.run")  # as before 18.0.1.1.0
        spec = importlib.util.spec_from_file_location("post_migrate", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.assertEqual([cron.model_id.model for cron in crons], ["credit.dunning.dispatcher"] * 2)
        runs = self.env["credit.dunning.run"].sudo()
        planned = runs.search_count([("state", "!=", "preview")])
        crons[0].method_direct_trigger()  # the daily action runs on the dispatcher
        self.assertGreater(runs.search_count([("state", "!=", "preview")]), planned)
