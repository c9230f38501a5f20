from odoo import api, fields, models

CHANNELS = [
    ("email", "Email"),
    ("letter", "Printed Letter"),
    ("phone", "Phone Call"),
    ("formal_notice", "Formal Notice"),
    ("legal", "Legal Escalation"),
]


class CreditDunningLevel(models.Model):
    """One step of a dunning policy: when it is due, how it reaches the customer."""

    _name = "credit.dunning.level"
    _description = "Dunning Level"
    _order = "policy_id, sequence"

    policy_id = fields.Many2one(
        "credit.dunning.policy", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="policy_id.company_id", store=True)
    sequence = fields.Integer(string="Level", required=True, default=1)
    name = fields.Char(required=True, translate=True)
    days = fields.Integer(
        string="Days After Due Date",
        required=True,
        help="When the level is due, counted from the invoice's due date; negative for a courtesy "
        "reminder before it.",
    )
    min_overdue_amount = fields.Float(
        string="Minimum Amount",
        help="The level is skipped while the customer owes less than this, in company currency.",
    )
    channel = fields.Selection(CHANNELS, required=True, default="email")
    mail_template_id = fields.Many2one("mail.template", string="Email Template")
    letter_style = fields.Selection(
        [
            ("friendly", "Friendly Reminder"),
            ("firm", "Firm Reminder"),
            ("formal_notice", "Formal Notice"),
        ],
        compute="_compute_letter_style",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Wording of the letter: a formal notice is marked for registered mail and gives a "
        "payment deadline.",
    )
    attach_letter = fields.Boolean(
        string="Attach Letter (PDF)", default=True, help="Attach the letter as a PDF to the email."
    )
    attach_invoices = fields.Boolean(help="Attach the open invoices to the email.")
    credit_hold = fields.Boolean(
        string="Put on Credit Hold", help="Put the customer on credit hold when this level is sent."
    )
    include_penalties = fields.Boolean(
        string="Claim Penalties",
        help="Show late-payment interest and the fixed recovery indemnity in the communication.",
    )
    payment_deadline_days = fields.Integer(
        string="Payment Deadline (days)",
        default=8,
        help="Days given to pay, printed on a formal notice.",
    )

    _sql_constraints = [
        ("sequence_positive", "CHECK (sequence > 0)", "Dunning levels are numbered from 1."),
    ]

    @api.depends("channel", "include_penalties")
    def _compute_letter_style(self):
        for level in self:
            if level.channel in ("formal_notice", "legal"):
                level.letter_style = "formal_notice"
            elif level.include_penalties:
                level.letter_style = "firm"
            else:
                level.letter_style = level.letter_style or "friendly"

    @api.constrains("sequence", "days", "policy_id")
    def _check_policy_levels(self):
        self.policy_id._check_levels()

    def unlink(self):
        policies = self.policy_id
        result = super().unlink()
        policies._renumber_levels()
        return result

    @api.depends("sequence", "name")
    def _compute_display_name(self):
        for level in self:
            level.display_name = f"{level.sequence}. {level.name}"
