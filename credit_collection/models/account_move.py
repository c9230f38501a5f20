import uuid
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from .account_payment_term_line import french_latest_due_date

EINVOICE_STATUSES = [
    ("submitted", "Submitted"),
    ("rejected", "Rejected"),
    ("refused", "Refused"),
    ("approved", "Approved"),
    ("partially_approved", "Partially Approved"),
    ("disputed", "Disputed"),
    ("payment_transmitted", "Payment Transmitted"),
    ("collected", "Collected"),
]
EINVOICE_DISPUTING = ("refused", "disputed")


class AccountMove(models.Model):
    """Credit and dunning on customer invoices.

    Also the payment mentions French law requires on invoices (L441-9), and
    the penalty invoices that bill late-payment interest and indemnities.

    Shows the customer's hold and the same over-limit figures as the sale
    check on draft invoices, optionally refuses to post invoices of customers
    on hold (company setting), carries the reserve-of-title clause, and keeps
    each invoice's dunning state: the last level sent and when, the next
    dunning date, and the exclusion from dunning (dispute, promise to pay,
    payment plan). The planner and the sender read and write these.
    """

    _inherit = "account.move"

    credit_usage_percent = fields.Float(related="commercial_partner_id.credit_usage_percent")
    dunning_level_id = fields.Many2one(
        "credit.dunning.level",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Last dunning level sent for this invoice.",
    )
    dunning_last_date = fields.Date(string="Last Dunning", readonly=True, copy=False)
    credit_penalty_invoice = fields.Boolean(
        string="Penalty Invoice",
        readonly=True,
        help="Bills late-payment interest and recovery indemnities: it is dunned for its amount, "
        "never charged interest or an indemnity itself (no interest on interest, Civil Code "
        "1343-2).",
    )
    credit_legal_mentions = fields.Text(
        string="Payment Legal Mentions",
        compute="_compute_credit_legal_mentions",
        help="Printed on invoices to professional customers (Commercial Code L441-9).",
    )
    dunning_next_date = fields.Date(
        string="Next Dunning",
        compute="_compute_dunning_next_date",
        help="When the next dunning level falls due if the invoice stays unpaid.",
    )
    dunning_excluded = fields.Boolean(
        string="Excluded from Dunning",
        copy=False,
        tracking=True,
        help="The invoice stays listed but no reminder is sent for it until the exclusion ends.",
    )
    dunning_exclusion_reason = fields.Selection(
        [
            ("dispute", "Dispute"),
            ("promise", "Promise to Pay"),
            ("payment_plan", "Payment Plan"),
            ("manual", "Manual"),
        ],
        string="Exclusion Reason",
        copy=False,
        tracking=True,
    )
    dunning_excluded_until = fields.Date(
        string="Excluded Until",
        copy=False,
        tracking=True,
        help="For a promise to pay: the promised date. Dunning resumes after it if still unpaid.",
    )
    credit_einvoice_status = fields.Selection(
        EINVOICE_STATUSES,
        string="E-invoice Status",
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="Lifecycle status on the e-invoicing platform, set by hand or by the platform's "
        "import. Rejected: the invoice does not legally exist, it is never dunned nor counted "
        "in the exposure. Refused or disputed: a dispute is opened.",
    )
    credit_einvoice_collect_proposed = fields.Boolean(
        string="Collected Status Proposed",
        compute="_compute_credit_einvoice_collect_proposed",
        help="Paid, and its platform status is not yet Collected.",
    )
    credit_dispute_line_ids = fields.One2many(
        "credit.dispute.line", "move_id", string="Disputes", readonly=True
    )
    credit_predicted_date = fields.Date(
        string="Predicted Payment",
        compute="_compute_credit_predicted_date",
        help="When this invoice will likely be paid, from how its customer paid before.",
    )
    credit_predicted_basis = fields.Char(
        string="Prediction Basis", compute="_compute_credit_predicted_date"
    )
    credit_payment_plan_ids = fields.Many2many(
        "credit.payment.plan",
        "credit_payment_plan_move_rel",
        "move_id",
        "plan_id",
        string="Payment Plans",
        readonly=True,
        copy=False,
    )
    credit_hold = fields.Boolean(related="commercial_partner_id.credit_hold")
    credit_due_date_warning = fields.Char(
        compute="_compute_credit_due_date_warning",
        help="The due date of an invoice to a French customer is beyond the legal maximum.",
    )
    credit_reserve_of_title_text = fields.Text(
        string="Reserve of Title Clause", compute="_compute_credit_reserve_of_title_text"
    )

    @api.depends_context("company")
    def _compute_partner_credit_warning(self):
        # Companies that block over the limit: the exposure's figures (which already count
        # this draft). The others: core's warning, after the hold if any.
        warning_only = self.filtered(lambda m: not m.company_id.credit_block_over_limit)
        result = super(AccountMove, warning_only)._compute_partner_credit_warning()
        (self - warning_only).partner_credit_warning = ""
        for company, moves in self._credit_warned_drafts().grouped("company_id").items():
            customers = moves.commercial_partner_id.with_company(company)
            figures = None
            for move in moves:
                customer = move.commercial_partner_id.with_company(company).sudo()
                if move in warning_only:
                    hold = customer._credit_hold_message() if customer.credit_hold else ""
                    move.partner_credit_warning = "\n".join(
                        filter(None, [hold, move.partner_credit_warning])
                    )
                    continue
                figures = figures or self.env["credit.exposure"]._figures(customers, company)
                move.partner_credit_warning = move._credit_warning(customer, figures[customer.id])
        return result

    def _credit_warned_drafts(self):
        return self.filtered(
            lambda m: m.state == "draft"
            and m.move_type == "out_invoice"
            and m.commercial_partner_id
        )

    def _credit_warning(self, customer, figure):
        warnings = [customer._credit_hold_message()] if customer.credit_hold else []
        over_limit = self.env["credit.exposure"]._over_limit_message(
            customer, figure, self.company_id
        )
        return "\n".join(warnings + ([over_limit] if over_limit else []))

    @api.depends(
        "move_type", "invoice_date", "invoice_date_due", "commercial_partner_id.country_id"
    )
    def _compute_credit_due_date_warning(self):
        for move in self:
            move.credit_due_date_warning = move._credit_due_date_issue() or False

    def _credit_due_date_issue(self):
        """Why this invoice's due date is beyond L441-10's maximum, or None: checked on
        the invoice's own dates, whatever payment term (or none) gave them."""
        self.ensure_one()
        french = self.commercial_partner_id.country_id.code == "FR"
        if not (self.move_type == "out_invoice" and french and self.invoice_date_due):
            return None
        invoice_date = self.invoice_date or fields.Date.context_today(self)
        latest = french_latest_due_date(invoice_date)
        if self.invoice_date_due <= latest:
            return None
        return self.env._(
            "Due date %(due)s is beyond the French legal maximum (article L441-10 of the "
            "Commercial Code): for an invoice dated %(date)s, %(latest)s at the latest (60 days, "
            "or 45 days end of month).",
            due=format_date(self.env, self.invoice_date_due),
            date=format_date(self.env, invoice_date),
            latest=format_date(self.env, latest),
        )

    def write(self, vals):
        result = super().write(vals)
        if vals.get("credit_einvoice_status") in EINVOICE_DISPUTING:
            self._credit_open_einvoice_disputes()
        return result

    def _credit_open_einvoice_disputes(self):
        """A dispute for each refused or disputed e-invoice with none open."""
        disputed = self.env["credit.dispute"]._open_disputed_amounts(self.ids)
        invoices = self.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted" and m.id not in disputed
        )
        reason = self.env.ref("credit_collection.credit_dispute_reason_other")
        labels = dict(self._fields["credit_einvoice_status"]._description_selection(self.env))
        self.env["credit.dispute"].sudo().create(
            [
                {
                    "company_id": invoice.company_id.id,
                    "partner_id": invoice.commercial_partner_id.id,
                    "reason_id": reason.id,
                    "user_id": invoice.invoice_user_id.id,
                    "source": "einvoice",
                    "note": self.env._(
                        "Status %s received from the e-invoicing platform.",
                        labels[invoice.credit_einvoice_status],
                    ),
                    "line_ids": [
                        Command.create(
                            {"move_id": invoice.id, "amount_disputed": invoice.amount_residual}
                        )
                    ],
                }
                for invoice in invoices
                if invoice.currency_id.compare_amounts(invoice.amount_residual, 0) > 0
            ]
        )

    @api.depends("invoice_date_due", "amount_total_signed", "commercial_partner_id", "state")
    @api.depends_context("lang")
    def _compute_credit_predicted_date(self):
        open_invoices = self.filtered(
            lambda m: m.move_type == "out_invoice"
            and m.state == "posted"
            and m.payment_state in ("not_paid", "partial")
        )
        predictions = self.env["credit.payment.median"]._predict(open_invoices)
        for move in self:
            move.credit_predicted_date, move.credit_predicted_basis = predictions.get(
                move.id, (False, False)
            )

    @api.depends("payment_state", "credit_einvoice_status")
    def _compute_credit_einvoice_collect_proposed(self):
        for move in self:
            move.credit_einvoice_collect_proposed = move.payment_state in (
                "paid",
                "in_payment",
            ) and move.credit_einvoice_status not in (False, "collected", "rejected")

    def action_credit_open_dispute(self):
        """The dispute form, for this invoice, in a dialog (salespeople included)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dispute"),
            "res_model": "credit.dispute",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": self.commercial_partner_id.id,
                "default_company_id": self.company_id.id,
                "default_user_id": self.invoice_user_id.id or self.env.user.id,
                "default_line_ids": [Command.create({"move_id": self.id})],
            },
        }

    def action_credit_einvoice_collected(self):
        self.write({"credit_einvoice_status": "collected"})

    def _post(self, soft=True):
        self._credit_check_holds_before_posting()
        return super()._post(soft=soft)

    def _credit_check_holds_before_posting(self):
        invoices = self.filtered(
            lambda m: m.move_type == "out_invoice" and m.company_id.credit_block_invoice_on_hold
        )
        for company, moves in invoices.grouped("company_id").items():
            held = moves.commercial_partner_id.with_company(company).sudo().filtered("credit_hold")
            if held:
                raise UserError(
                    self.env._(
                        "Customer invoices cannot be posted while the customer is on credit hold "
                        "(%(company)s): %(customers)s. Ask a credit controller to release the hold.",
                        company=company.name,
                        customers=", ".join(held.mapped("name")),
                    )
                )

    @api.depends(
        "move_type",
        "commercial_partner_id.credit_professional",
        "company_id.credit_invoice_legal_mentions",
        "invoice_payment_term_id",
        "invoice_date",
    )
    @api.depends_context("lang")
    def _compute_credit_legal_mentions(self):
        mentions = self.env["credit.invoice.mentions"]
        for move in self:
            applies = (
                move.move_type == "out_invoice"
                and move.company_id.credit_invoice_legal_mentions
                and move.commercial_partner_id.credit_professional
            )
            move.credit_legal_mentions = mentions._text(move) if applies else False

    @api.depends("move_type", "commercial_partner_id", "company_id")
    @api.depends_context("lang")
    def _compute_credit_reserve_of_title_text(self):
        for move in self:
            customer = move.commercial_partner_id.with_company(move.company_id)
            applies = move.move_type == "out_invoice" and customer.credit_reserve_of_title
            move.credit_reserve_of_title_text = (
                move.company_id._credit_reserve_of_title_text() if applies else False
            )

    @api.constrains("dunning_excluded", "dunning_exclusion_reason", "dunning_excluded_until")
    def _check_dunning_exclusion(self):
        for move in self.filtered("dunning_excluded"):
            if not move.dunning_exclusion_reason:
                raise ValidationError(
                    self.env._(
                        "Give the reason why %s is excluded from dunning.", move.display_name
                    )
                )
            if move.dunning_exclusion_reason == "promise" and not move.dunning_excluded_until:
                raise ValidationError(
                    self.env._(
                        "Give the date the customer promised to pay %s by.", move.display_name
                    )
                )

    def action_open_credit_partner(self):
        return self.commercial_partner_id._credit_form_action()

    @api.depends(
        "state", "payment_state", "invoice_date_due", "dunning_level_id", "dunning_excluded",
        "dunning_exclusion_reason", "dunning_excluded_until", "commercial_partner_id",
    )  # fmt: skip
    def _compute_dunning_next_date(self):
        for move in self:
            move.dunning_next_date = move._dunning_next_date()

    def _dunning_next_date(self):
        dunned = (
            self.move_type == "out_invoice"
            and self.state == "posted"
            and self.payment_state in ("not_paid", "partial")
            and self.invoice_date_due
        )
        customer = self.commercial_partner_id.with_company(self.company_id)
        if not dunned or customer.credit_legal_action:
            return False
        if self.dunning_excluded:
            promised = self.dunning_exclusion_reason == "promise" and self.dunning_excluded_until
            return promised and self.dunning_excluded_until + timedelta(days=1)
        sent = self.dunning_level_id.sequence or 0
        levels = customer._credit_dunning_policy().level_ids
        next_level = levels.filtered(lambda level: level.sequence > sent).sorted("sequence")[:1]
        return next_level and self.invoice_date_due + timedelta(days=next_level.days)

    def _credit_ensure_portal_tokens(self):
        """Give portal access tokens, in one query, to the invoices without one (pay links)."""
        missing = self.filtered(lambda move: not move.access_token)
        if not missing:
            return
        missing.flush_recordset(["access_token"])
        self.env.execute_query(
            SQL(
                """
                UPDATE account_move move SET access_token = token.value
                  FROM (SELECT unnest(%s::int[]) AS id, unnest(%s::varchar[]) AS value) token
                 WHERE move.id = token.id AND move.access_token IS NULL
                """,
                missing.ids,
                [str(uuid.uuid4()) for _move in missing],
            )
        )
        missing.invalidate_recordset(["access_token"])
