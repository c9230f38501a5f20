from odoo import models

from ..dunning.credit_dunning_planner import DunningPauses


class CreditDunningPlanner(models.AbstractModel):
    """The desk pauses dunning: of an invoice in an open dispute only the
    undisputed part is dunned; a promise pauses its invoices until its deadline
    and, once broken, makes the next level due at once; invoices in an active
    payment plan are reminded by the plan, per instalment."""

    _inherit = "credit.dunning.planner"

    def _dunning_pauses(self, invoices, run_date):
        pauses = super()._dunning_pauses(invoices, run_date)
        ids = invoices.ids
        paused, broken = self.env["credit.promise"]._dunning_states(ids, run_date)
        return DunningPauses(
            disputed=pauses.disputed | self.env["credit.dispute"]._open_disputed_amounts(ids),
            paused=pauses.paused
            | paused
            | self.env["credit.payment.plan"]._covered_invoice_ids(ids),
            broken=pauses.broken | broken,
        )
