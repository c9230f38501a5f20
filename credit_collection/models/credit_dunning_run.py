import threading

from odoo import api, fields, models
from odoo.exceptions import UserError

BATCH_SIZE = 200  # communications sent per scheduled-action batch


class CreditDunningRun(models.Model):
    """A dunning run of one company at one date.

    A preview plans the communications and sends nothing; *Send* sends them.
    The scheduled action plans today's run of each company and sends it in
    batches, committing after each one: an interrupted run resumes where it
    stopped, and a second run the same day finds nothing left to send.
    """

    _name = "credit.dunning.run"
    _description = "Dunning Run"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    state = fields.Selection(
        [("preview", "Preview"), ("running", "Sending"), ("done", "Done")],
        default="preview",
        required=True,
        readonly=True,
    )
    communication_ids = fields.One2many("credit.dunning.communication", "run_id")
    communication_count = fields.Integer(compute="_compute_counts")
    failed_count = fields.Integer(compute="_compute_counts")
    letter_count = fields.Integer(compute="_compute_counts")

    @api.depends("date", "company_id")
    def _compute_name(self):
        for run in self:
            run.name = self.env._("Dunning of %(date)s", date=run.date)

    @api.depends("communication_ids.state")
    def _compute_counts(self):
        for run in self:
            run.communication_count = len(run.communication_ids)
            run.failed_count = len(run.communication_ids.filtered(lambda c: c.state == "failed"))
            run.letter_count = len(run._letters())

    def _letters(self):
        return self.communication_ids.filtered(
            lambda c: c.channel in ("letter", "formal_notice") and c.state in ("draft", "sent")
        )

    @api.model
    def _plan_run(self, company, state="preview"):
        run = self.create({"company_id": company.id, "state": state})
        plan = self.env["credit.dunning.planner"]._plan(company, run.date)
        self.env["credit.dunning.communication"].create(
            [
                {
                    "run_id": run.id,
                    "partner_id": step.partner_id,
                    "level_id": step.level_id,
                    "line_ids": [
                        fields.Command.create(
                            {
                                "move_id": line.move_id,
                                "level_id": line.level_id,
                                "days_late": line.days_late,
                                "amount_residual": line.residual,
                                "interest_amount": line.interest,
                                "indemnity_amount": line.indemnity,
                            }
                        )
                        for line in step.invoices
                    ],
                }
                for step in plan
            ]
        )
        return run

    def action_preview(self):
        run = self._plan_run(self.env.company)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": run.id,
            "view_mode": "form",
        }

    def action_send(self):
        for run in self:
            run.state = "running"
            run._send_batch(limit=None)

    def action_print_letters(self):
        """One PDF with every letter and formal notice of the run, for the post room."""
        self.ensure_one()
        letters = self._letters()
        if not letters:
            raise UserError(self.env._("This run has no letter to print."))
        attachment = self.env["credit.dunning.letter"]._merged_letters(
            letters, self.env._("Letters - %s.pdf", self.name), self
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    def _send_batch(self, limit=BATCH_SIZE):
        """Send up to ``limit`` communications; return how many remain."""
        self.ensure_one()
        pending = self.communication_ids.filtered(lambda c: c.state == "draft")
        (pending[:limit] if limit else pending)._send()
        remaining = len(pending) - (min(limit, len(pending)) if limit else len(pending))
        if not remaining:
            self.state = "done"
        return remaining

    @api.model
    def _cron_run(self):
        # Every company's run, whatever companies the cron's user works in.
        model = self.sudo()
        companies = self.env["res.company"].sudo().search([])
        runs = model.search([("state", "=", "running")])  # interrupted runs resume first
        today = fields.Date.context_today(self)
        done_today = model.search([("date", "=", today), ("state", "=", "done")]).company_id
        for company in companies - runs.company_id - done_today:
            runs |= model.with_company(company)._plan_run(company, state="running")
        remaining = 0
        for run in runs:
            remaining += run._send_batch()
            if not getattr(threading.current_thread(), "testing", False):
                # Progress survives an interruption: the next batch resumes after it.
                self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env["ir.cron"]._notify_progress(done=len(runs), remaining=remaining)
        if remaining:
            self.env.ref("credit_collection.ir_cron_dunning_run")._trigger()
