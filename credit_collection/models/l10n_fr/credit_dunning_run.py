from odoo import fields, models


class CreditDunningRun(models.Model):
    """A run warns when late-payment interest had to use an older rate."""

    _inherit = "credit.dunning.run"

    rate_warning = fields.Text(
        readonly=True,
        help="Half-years whose late-payment rate is missing: the latest rate before them was used.",
    )

    def _after_planning(self, plan):
        result = super()._after_planning(plan)
        self._warn_missing_rates(plan.notes.get("missing_rates"))
        return result

    def _warn_missing_rates(self, missing):
        """Say which half-years had no late-payment rate of their own (found by the
        planner as it computed the interest), and ask a credit manager of the
        company (once) to enter them."""
        if not missing:
            return
        periods = ", ".join(
            self.env._("H1 %s", start.year) if start.month == 1 else self.env._("H2 %s", start.year)
            for start in missing
        )
        self.rate_warning = self.env._(
            "No late-payment interest rate for %(periods)s: the latest rate before was used. "
            "Enter the missing rates in Credit & Collections > Configuration > Interest Rates.",
            periods=periods,
        )
        self._ask_managers_for_rates(periods)

    def _ask_managers_for_rates(self, periods):
        summary = self.env._("Enter the late-payment interest rates of %s", periods)
        company_runs = self.sudo().search([("company_id", "=", self.company_id.id)])
        asked = (
            self.env["mail.activity"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", company_runs.ids),
                    ("summary", "=", summary),
                ],
                limit=1,
            )
        )
        managers = self.company_id._credit_managers()
        if asked or not managers:
            return
        # The run asks, not the user who previews it: he may not assign work to managers.
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            note=self.rate_warning,
            user_id=managers[0].id,
        )
