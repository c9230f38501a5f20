from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CreditDunningPolicy(models.Model):
    """An ordered sequence of dunning levels.

    A customer follows the policy set on it, else its risk segment's, else
    its company's default policy, else the default policy shared by all
    companies.
    """

    _name = "credit.dunning.policy"
    _description = "Dunning Policy"
    _order = "is_default desc, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the policy between companies."
    )
    is_default = fields.Boolean(
        string="Default Policy",
        help="Followed by customers with no policy of their own nor from their segment.",
    )
    level_ids = fields.One2many("credit.dunning.level", "policy_id", string="Levels", copy=True)
    individual_interest_after_notice = fields.Boolean(
        string="Legal Interest from Individuals after Formal Notice",
        help="Private individuals owe no late-payment penalty by law. On: once a formal notice "
        "has been sent for an invoice, the levels that claim penalties claim from them interest "
        "at the legal rate from the notice's receipt (Civil Code 1231-6), never the fixed indemnity.",
    )
    note = fields.Text(translate=True)

    @api.constrains("is_default", "company_id", "active")
    def _check_one_default(self):
        for policy in self.filtered(lambda p: p.is_default and p.active):
            others = self.search_count(
                [
                    ("id", "!=", policy.id),
                    ("is_default", "=", True),
                    ("company_id", "=", policy.company_id.id),
                ]
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "%s cannot be the default policy: there is one already.", policy.name
                    )
                )

    @api.constrains("level_ids")
    def _check_levels(self):
        for policy in self:
            levels = policy.level_ids.sorted("sequence")
            expected = list(range(1, len(levels) + 1))
            if levels.mapped("sequence") != expected:
                raise ValidationError(
                    self.env._(
                        "The levels of %(policy)s must be numbered 1, 2, 3... without gaps; "
                        "they are numbered %(numbers)s.",
                        policy=policy.name,
                        numbers=", ".join(str(n) for n in levels.mapped("sequence")),
                    )
                )
            for previous, level in pairwise(levels):
                if level.days <= previous.days:
                    raise ValidationError(
                        self.env._(
                            "Level %(level)s of %(policy)s starts %(days)s days after the due date, "
                            "not later than level %(previous)s (%(previous_days)s days): each level "
                            "must come strictly later than the one before.",
                            level=level.sequence,
                            policy=policy.name,
                            days=level.days,
                            previous=previous.sequence,
                            previous_days=previous.days,
                        )
                    )

    def _renumber_levels(self):
        """Number the levels 1, 2, 3... again, in their order, after one was deleted."""
        for policy in self.exists():
            for number, level in enumerate(policy.level_ids.sorted("sequence"), start=1):
                if level.sequence != number:
                    level.sequence = number

    @api.model
    def _default_for(self, company):
        """The company's default policy, else the shared one."""
        return self.search(
            [("is_default", "=", True), ("company_id", "in", (False, company.id))],
            order="company_id",
            limit=1,
        )
