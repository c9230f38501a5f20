from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ...groups import CREDIT_MANAGER_GROUP

PLAN_REPORT = "credit_collection.action_report_payment_plan"
# The plan's own reminders: (days after the instalment date, mail template).
INSTALMENT_REMINDERS = [
    (0, "credit_collection.mail_template_instalment_due"),
    (5, "credit_collection.mail_template_instalment_overdue"),
]


class CreditPaymentPlan(models.Model):
    """A payment plan (échéancier): overdue invoices paid in dated instalments.

    While active, its invoices are left out of normal dunning; each instalment
    is reminded on its own date and a few days later if unpaid. Payments on
    the invoices since activation are matched to the instalments in date
    order. An instalment still unpaid the company's break days after its
    date breaks the plan: its invoices, due since long, are dunned again from
    the level they had reached. Plans longer than the company's limits need
    a credit manager's approval.
    """

    _name = "credit.payment.plan"
    _description = "Payment Plan"
    _inherit = ["credit.collection.case"]
    _order = "id desc"

    currency_id = fields.Many2one(related="company_id.currency_id")
    move_ids = fields.Many2many(
        "account.move",
        "credit_payment_plan_move_rel",
        "plan_id",
        "move_id",
        string="Invoices",
        check_company=True,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'),"
        " ('payment_state', 'in', ('not_paid', 'partial')),"
        " ('commercial_partner_id', '=', partner_id)]",
    )
    amount_principal = fields.Monetary(
        string="Amount Covered",
        compute="_compute_amount_principal",
        store=True,
        readonly=False,
        precompute=True,
        help="What the invoices still owe, in company currency.",
    )
    interest_rate = fields.Float(
        string="Interest Rate (%)", digits=(16, 2), help="Annual rate charged on the balance."
    )
    instalment_count = fields.Integer(string="Number of Instalments", default=3)
    first_date = fields.Date(
        string="First Instalment",
        default=lambda self: fields.Date.context_today(self) + relativedelta(months=1),
    )
    interval_months = fields.Integer(string="Every (months)", default=1)
    line_ids = fields.One2many("credit.payment.plan.line", "plan_id", string="Instalments")
    amount_total = fields.Monetary(string="Total", compute="_compute_amounts", store=True)
    amount_interest = fields.Monetary(string="Interest", compute="_compute_amounts", store=True)
    amount_paid = fields.Monetary(string="Paid", compute="_compute_amounts", store=True)
    amount_remaining = fields.Monetary(string="Remaining", compute="_compute_amounts", store=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("active", "Active"),
            ("completed", "Completed"),
            ("broken", "Broken"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    date_start = fields.Date(string="Active Since", readonly=True, copy=False)
    date_end = fields.Date(string="Ended On", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    needs_approval = fields.Boolean(compute="_compute_needs_approval")
    note = fields.Text()

    @api.depends("move_ids")
    def _compute_amount_principal(self):
        for plan in self:
            plan.amount_principal = sum(plan.move_ids.mapped("amount_residual_signed"))

    @api.depends("line_ids.amount", "line_ids.interest", "line_ids.amount_paid")
    def _compute_amounts(self):
        for plan in self:
            plan.amount_total = sum(plan.line_ids.mapped("amount"))
            plan.amount_interest = sum(plan.line_ids.mapped("interest"))
            plan.amount_paid = sum(plan.line_ids.mapped("amount_paid"))
            plan.amount_remaining = plan.amount_total - plan.amount_paid

    @api.depends("line_ids.date", "company_id")
    def _compute_needs_approval(self):
        today = fields.Date.context_today(self)
        for plan in self:
            company = plan.company_id
            last = max(plan.line_ids.mapped("date"), default=today)
            plan.needs_approval = (
                len(plan.line_ids) > company.credit_plan_max_instalments
                or (last - today).days > company.credit_plan_max_days
            )

    def action_generate_instalments(self):
        """Equal principal per instalment (the last takes the rounding), plus the
        interest on the balance outstanding since the previous date."""
        for plan in self:
            plan._check_editable()
            if plan.instalment_count < 1 or plan.interval_months < 1 or not plan.first_date:
                raise UserError(
                    self.env._("Give at least one instalment, an interval and a first date.")
                )
            plan.line_ids = [Command.clear()] + [
                Command.create(values) for values in plan._instalment_values()
            ]

    def _instalment_values(self):
        currency = self.currency_id
        count = self.instalment_count
        share = currency.round(self.amount_principal / count)
        balance = self.amount_principal
        previous = fields.Date.context_today(self)
        values = []
        for index in range(count):
            date = self.first_date + relativedelta(months=index * self.interval_months)
            principal = share if index < count - 1 else currency.round(balance)
            days = max((date - previous).days, 0)
            interest = currency.round(balance * self.interest_rate / 100 * days / 365)
            values.append({"date": date, "principal": principal, "interest": interest})
            balance -= principal
            previous = date
        return values

    def _check_editable(self):
        if self.state not in ("draft", "to_approve"):
            raise UserError(self.env._("Plan %s is no longer a draft.", self.name))

    def _check_ready(self):
        currency = self.currency_id
        if not self.move_ids:
            raise UserError(self.env._("Add the invoices plan %s covers.", self.name))
        if not self.line_ids:
            raise UserError(self.env._("Compute the instalments of plan %s first.", self.name))
        principal = sum(self.line_ids.mapped("principal"))
        if currency.compare_amounts(principal, self.amount_principal):
            raise UserError(
                self.env._(
                    "The instalments of %(plan)s add up to %(instalments)s of principal, "
                    "not the %(covered)s covered.",
                    plan=self.name,
                    instalments=currency.format(principal),
                    covered=currency.format(self.amount_principal),
                )
            )
        if min(self.line_ids.mapped("date")) < fields.Date.context_today(self):
            raise UserError(self.env._("An instalment of %s is dated in the past.", self.name))

    def action_activate(self):
        for plan in self:
            plan._check_editable()
            plan._check_ready()
            if plan.needs_approval and not self.env.user.has_group(CREDIT_MANAGER_GROUP):
                plan._ask_approval()
            else:
                plan._activate()

    def action_approve(self):
        if not self.env.user.has_group(CREDIT_MANAGER_GROUP):
            raise AccessError(self.env._("Only a credit manager approves a payment plan."))
        for plan in self.filtered(lambda p: p.state == "to_approve"):
            plan._check_ready()
            plan.approved_by_id = self.env.user
            plan._activate()

    def _ask_approval(self):
        self.state = "to_approve"
        for manager in self.company_id._credit_managers()[:1]:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                summary=self.env._("Approve payment plan %s", self.name),
            )

    def _activate(self):
        self.write({"state": "active", "date_start": fields.Date.context_today(self)})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self._send_to_customer("credit_collection.mail_template_payment_plan", letter=True)

    def action_cancel(self):
        if any(plan.state not in ("draft", "to_approve", "active") for plan in self):
            raise UserError(self.env._("Only a draft or active plan can be cancelled."))
        self.write({"state": "cancelled", "date_end": fields.Date.context_today(self)})

    def _send_to_customer(self, template_xmlid, letter=False, instalment=None):
        """E-mail the customer (posted in the plan's chatter), with the letter if asked."""
        template = self.env.ref(template_xmlid)
        values = {"instalment": instalment}
        body = template._render_field("body_html", self.ids, compute_lang=True, add_context=values)[
            self.id
        ]
        subject = template._render_field(
            "subject", self.ids, compute_lang=True, add_context=values
        )[self.id]
        attachments = self.env["ir.attachment"]
        if letter:
            content, extension = self.env["credit.dunning.letter"]._render_one(PLAN_REPORT, self)
            attachments = attachments.create(
                {
                    "name": f"{self.name.replace('/', '-')}.{extension}",
                    "raw": content,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        self.message_post(
            body=body,
            subject=subject,
            partner_ids=self.partner_id.ids,
            attachment_ids=attachments.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    @api.model
    def _covered_invoice_ids(self, invoice_ids):
        """Ids of ``invoice_ids`` in an active plan: out of normal dunning."""
        if not invoice_ids:
            return set()
        self.flush_model(["state"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT rel.move_id FROM credit_payment_plan_move_rel rel
                  JOIN credit_payment_plan plan ON plan.id = rel.plan_id
                 WHERE plan.state = 'active' AND rel.move_id = ANY(%s)
                """,
                list(invoice_ids),
            )
        )
        return {move_id for (move_id,) in rows}

    @api.constrains("partner_id", "move_ids")
    def _check_invoices(self):
        for plan in self:
            plan._check_customer_invoices(plan.move_ids)
