from odoo import fields, models


class ResCompany(models.Model):
    """How long a promise to pay is given, and the limits of payment plans."""

    _inherit = "res.company"

    credit_promise_grace_days = fields.Integer(
        string="Promise Grace Days",
        default=3,
        help="Days after a promised payment date before the promise counts as broken and "
        "dunning resumes.",
    )
    credit_portal_cooldown_days = fields.Integer(
        string="Portal Cool-down (days)",
        default=90,
        help="After a broken promise, the customer cannot promise again on the portal for this "
        "many days, nor dispute again an invoice whose dispute was rejected: the page asks it "
        "to contact its collector.",
    )
    credit_plan_break_days = fields.Integer(
        string="Break Plans After (days)",
        default=15,
        help="An instalment still unpaid this many days after its date breaks the payment plan: "
        "the remaining balance is due and normal dunning resumes.",
    )
    credit_plan_max_instalments = fields.Integer(
        string="Instalments without Approval",
        default=6,
        help="A payment plan with more instalments needs a credit manager's approval.",
    )
    credit_plan_max_days = fields.Integer(
        string="Plan Length without Approval (days)",
        default=90,
        help="A payment plan whose last instalment is further away needs a credit manager's "
        "approval.",
    )

    _sql_constraints = [
        (
            "credit_portal_cooldown_days_positive",
            "CHECK (credit_portal_cooldown_days >= 0)",
            "The portal cool-down cannot be negative.",
        ),
        (
            "credit_promise_grace_days_positive",
            "CHECK (credit_promise_grace_days >= 0)",
            "Promise grace days cannot be negative.",
        ),
        (
            "credit_plan_limits_positive",
            "CHECK (credit_plan_break_days >= 0 AND credit_plan_max_instalments >= 0"
            " AND credit_plan_max_days >= 0)",
            "Payment plan limits cannot be negative.",
        ),
    ]
