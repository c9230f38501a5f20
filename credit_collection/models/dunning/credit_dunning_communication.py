from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_amount

from .credit_dunning_level import CHANNELS

# A registered letter usually reaches its addressee two to three working days after posting:
# the formal notice's deadline counts from that expected receipt until the acknowledgment of
# receipt gives the real date.
REGISTERED_LETTER_DELIVERY_DAYS = 3


class CreditDunningCommunication(models.Model):
    """What one dunning run sends one customer: its invoices, at one level.

    Planned by ``credit.dunning.planner``, sent by ``credit.dunning.sender``;
    holds the figures shown on the letter and the e-mail, and the actions
    on a sent communication (print the letter, invoice the penalties).
    """

    _name = "credit.dunning.communication"
    _description = "Dunning Communication"
    _order = "run_id desc, id"

    run_id = fields.Many2one("credit.dunning.run", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    level_id = fields.Many2one("credit.dunning.level", required=True)
    channel = fields.Selection(CHANNELS, compute="_compute_channel")
    letter_fallback = fields.Boolean(
        string="By Letter Instead",
        readonly=True,
        help="The customer's last reminder e-mail bounced or failed: this one is printed and "
        "posted instead.",
    )
    letter_kind = fields.Selection(related="level_id.letter_style")
    line_ids = fields.One2many(
        "credit.dunning.communication.line", "communication_id", string="Invoices"
    )
    amount_total = fields.Monetary(string="Amount Due", compute="_compute_amounts", store=True)
    interest_total = fields.Monetary(string="Interest", compute="_compute_amounts", store=True)
    indemnity_total = fields.Monetary(
        string="Recovery Indemnities", compute="_compute_amounts", store=True
    )
    invoiced_total = fields.Monetary(
        string="Penalties Already Invoiced",
        compute="_compute_amounts",
        store=True,
        help="Interest and indemnities already billed by penalty invoices, which are listed "
        "among the amounts due when unpaid: not claimed twice.",
    )
    amount_claimed = fields.Monetary(
        string="Total Claimed",
        compute="_compute_amounts",
        store=True,
        help="Amount due plus late-payment interest and recovery indemnities not invoiced yet.",
    )
    registered_letter_number = fields.Char(
        string="Registered Letter No.",
        help="Number of the registered letter with acknowledgment of receipt that carried the "
        "formal notice: the proof of the notice.",
    )
    posted_date = fields.Date(string="Posted On", help="Date the formal notice was posted.")
    receipt_date = fields.Date(
        string="Received On",
        help="Date on the acknowledgment of receipt: the payment deadline counts from it.",
    )
    expected_receipt_date = fields.Date(
        compute="_compute_payment_deadline",
        help="The date on the acknowledgment of receipt, or until it is entered the posting (or "
        "run) date plus the usual delivery time of a registered letter.",
    )
    payment_deadline = fields.Date(
        compute="_compute_payment_deadline",
        help="Date by which a formal notice demands payment: the level's days after receipt.",
    )
    collector_id = fields.Many2one(
        "res.users", compute="_compute_collector_id", help="Collector, or else salesperson."
    )
    reserve_of_title_text = fields.Text(compute="_compute_reserve_of_title_text")
    state = fields.Selection(
        [
            ("draft", "To Send"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("cancelled", "Nothing Left Due"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
    )
    failure_reason = fields.Text(readonly=True)
    sent_date = fields.Datetime(readonly=True)
    recipient_id = fields.Many2one(
        "res.partner",
        string="Sent To",
        readonly=True,
        help="The contact the e-mail went to: the customer's reminder contact, else its invoice "
        "address, else the customer.",
    )
    email_cc = fields.Char(string="Copy To", readonly=True)

    @api.depends(
        "line_ids.amount_residual",
        "line_ids.interest_amount",
        "line_ids.indemnity_amount",
        "line_ids.penalty_invoiced",
    )
    def _compute_amounts(self):
        for communication in self:
            lines = communication.line_ids
            communication.amount_total = sum(lines.mapped("amount_residual"))
            communication.interest_total = sum(lines.mapped("interest_amount"))
            communication.indemnity_total = sum(lines.mapped("indemnity_amount"))
            communication.invoiced_total = sum(lines.mapped("penalty_invoiced"))
            communication.amount_claimed = (
                communication.amount_total
                + communication.interest_total
                + communication.indemnity_total
                - communication.invoiced_total
            )

    @api.depends("level_id.channel", "letter_fallback")
    def _compute_channel(self):
        for communication in self:
            channel = communication.level_id.channel
            communication.channel = (
                "letter" if channel == "email" and communication.letter_fallback else channel
            )

    @api.depends("run_id.date", "posted_date", "receipt_date", "level_id.payment_deadline_days")
    def _compute_payment_deadline(self):
        for communication in self:
            received = communication.receipt_date or (
                (communication.posted_date or communication.run_id.date)
                + timedelta(days=REGISTERED_LETTER_DELIVERY_DAYS)
            )
            communication.expected_receipt_date = received
            communication.payment_deadline = received + timedelta(
                days=communication.level_id.payment_deadline_days
            )

    @api.depends("partner_id", "company_id")
    def _compute_collector_id(self):
        for communication in self:
            partner = communication.partner_id.with_company(communication.company_id)
            communication.collector_id = partner.credit_collector_id or partner.user_id

    @api.depends("partner_id", "company_id")
    @api.depends_context("lang")
    def _compute_reserve_of_title_text(self):
        for communication in self:
            partner = communication.partner_id.with_company(communication.company_id)
            communication.reserve_of_title_text = (
                communication.company_id._credit_reserve_of_title_text()
                if partner.credit_reserve_of_title
                else False
            )

    def _letter_file_name(self):
        self.ensure_one()
        return f"{self.level_id.name} - {self.partner_id.name}".replace("/", "_")

    def _fail(self, reason):
        self.write({"state": "failed", "failure_reason": reason})

    def _summary(self):
        return self.env._(
            "%(level)s: %(count)s invoice(s), %(amount)s due.",
            level=self.level_id.name,
            count=len(self.line_ids),
            amount=format_amount(self.env, self.amount_total, self.currency_id),
        )

    def _legal_file(self, sent, amount, day):
        """The file a collector needs to prepare legal action against this customer: the
        statement of the invoices due, the letters ``sent`` before, and the proof of the
        formal notices (registered letter number, posting and receipt dates).
        ``amount(value, currency)`` and ``day(date)`` format the figures."""
        self.ensure_one()
        env = self.env

        statement = Markup("").join(
            Markup("<li>%s</li>")
            % env._(
                "%(invoice)s, due %(due)s: %(amount)s",
                invoice=line.move_id.name,
                due=day(line.move_id.invoice_date_due),
                amount=amount(line.amount_residual, self.currency_id),
            )
            for line in self.line_ids
        )
        channels = dict(self._fields["channel"]._description_selection(env))
        letters = Markup("").join(
            Markup("<li>%s</li>")
            % env._(
                "%(level)s (%(channel)s), sent %(date)s",
                level=letter.level_id.name,
                channel=channels.get(letter.channel, ""),
                date=day(letter.sent_date and letter.sent_date.date()),
            )
            for letter in sent
        ) or Markup("<li>%s</li>") % env._("None")
        notices = sent.filtered(lambda c: c.letter_kind == "formal_notice")
        proofs = Markup("").join(
            Markup("<li>%s</li>")
            % env._(
                "Registered letter %(number)s, posted %(posted)s, received %(received)s",
                number=notice.registered_letter_number or env._("(number not entered)"),
                posted=day(notice.posted_date),
                received=day(notice.receipt_date),
            )
            for notice in notices
        ) or Markup("<li>%s</li>") % env._("No formal notice sent: send one first.")
        return Markup(
            "<p>%s</p><p><strong>%s</strong></p><ul>%s</ul><p>%s</p>"
            "<p><strong>%s</strong></p><ul>%s</ul><p><strong>%s</strong></p><ul>%s</ul><p>%s</p>"
        ) % (
            env._("Prepare the file for legal action; nothing has been started."),
            env._("Statement"),
            statement,
            env._("Total claimed: %s", amount(self.amount_claimed, self.currency_id)),
            env._("Letters sent"),
            letters,
            env._("Proof of the formal notice"),
            proofs,
            env._(
                "Once the file is handed over, tick Legal Recovery on the customer's Credit tab: "
                "dunning stops for it."
            ),
        )

    # Letters and penalties

    def action_print_letter(self):
        return self.env.ref("credit_collection.action_report_dunning_letter").report_action(self)
