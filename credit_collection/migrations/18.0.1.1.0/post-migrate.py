"""18.0.1.1.0: the dunning scheduled actions run on ``credit.dunning.dispatcher``.

Their records are ``noupdate``: an update does not move them from the run
model, where their methods no longer are.
"""

from odoo import SUPERUSER_ID, api

DUNNING_CRONS = ("credit_collection.ir_cron_dunning_run", "credit_collection.ir_cron_dunning_send")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    dispatcher = env["ir.model"]._get("credit.dunning.dispatcher")
    for xmlid in DUNNING_CRONS:
        cron = env.ref(xmlid, raise_if_not_found=False)
        if cron and cron.model_id != dispatcher:
            cron.write({"model_id": dispatcher.id})
