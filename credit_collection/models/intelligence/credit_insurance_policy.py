from odoo import api, fields, models


class CreditInsurancePolicy(models.Model):
    """A credit insurance policy of the company: the insurer, the share of a loss
    the company keeps (retention), and how many days past due the insurer must
    be told of a threat of loss (déclaration de menace de sinistre)."""

    _name = "credit.insurance.policy"
    _description = "Credit Insurance Policy"
    _inherit = ["mail.thread"]
    _check_company_auto = True

    name = fields.Char(string="Policy Number", required=True, tracking=True)
    insurer_id = fields.Many2one("res.partner", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    retention_percent = fields.Float(
        string="Retention (%)",
        default=10.0,
        digits=(16, 2),
        tracking=True,
        help="Share of a covered loss the company bears itself; the insurer covers the rest.",
    )
    notification_days = fields.Integer(
        string="Declare Threat After (days)",
        default=60,
        help="Days past due after which the insurer must be told of the threat of loss: an "
        "activity asks the collector to declare it.",
    )
    limit_ids = fields.One2many("credit.insurance.limit", "policy_id", string="Insured Limits")

    _sql_constraints = [
        (
            "retention_range",
            "CHECK (retention_percent >= 0 AND retention_percent <= 100)",
            "The retention is a percentage between 0 and 100.",
        ),
    ]

    @api.depends("retention_percent")
    def _compute_display_name(self):
        for policy in self:
            policy.display_name = f"{policy.name} ({policy.insurer_id.name or ''})"
