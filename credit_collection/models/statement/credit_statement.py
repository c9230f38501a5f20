from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .credit_statement_ledger import STATEMENT_BUCKETS

STATEMENT_KINDS = [("outstanding", "Outstanding"), ("activity", "Activity")]


class CreditStatement(models.Model):
    """A statement of account issued to a customer: printed, downloaded, sent by
    e-mail (by hand or by the monthly action) or taken from the portal.

    *Outstanding*: the open items at a date, with ageing and totals per
    currency. *Activity*: the opening balance, every invoice, credit note and
    payment of a period, and the closing balance. The figures are read from the
    ledger when the statement is rendered (``credit.statement.ledger``); the
    closing balance is kept to list and search statements.
    """

    _name = "credit.statement"
    _description = "Statement of Account"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(STATEMENT_KINDS, required=True, default="outstanding")
    date_from = fields.Date(string="From", help="First day of an activity statement's period.")
    date_to = fields.Date(
        string="Date",
        required=True,
        default=fields.Date.context_today,
        help="The date of the open items (outstanding) or the period's last day (activity).",
    )
    origin = fields.Selection(
        [("manual", "By Hand"), ("monthly", "Monthly Sending"), ("portal", "Portal")],
        required=True,
        default="manual",
        readonly=True,
    )
    state = fields.Selection(
        [("issued", "Issued"), ("to_send", "To Send"), ("sent", "Sent"), ("failed", "Failed")],
        required=True,
        default="issued",
        readonly=True,
        index=True,
    )
    balance = fields.Monetary(
        string="Closing Balance",
        readonly=True,
        help="What the customer owed on the statement's date, when it was issued.",
    )
    recipient_id = fields.Many2one("res.partner", string="Sent To", readonly=True)
    email_to = fields.Char(string="Sent to Address", readonly=True)
    email_cc = fields.Char(string="Copy To", readonly=True)
    sent_date = fields.Datetime(readonly=True)
    failure_reason = fields.Text(readonly=True)
    bounced = fields.Boolean(string="Undeliverable", readonly=True)
    replied_date = fields.Datetime(string="Replied On", readonly=True)
    reply_pending = fields.Boolean(
        string="Reply to Handle",
        readonly=True,
        help="The customer replied and the collector has not marked the reply handled.",
    )
    collector_id = fields.Many2one(
        "res.users", compute="_compute_collector_id", help="Collector, or else salesperson."
    )

    _sql_constraints = [
        (
            "activity_has_a_period",
            "CHECK (kind != 'activity' OR (date_from IS NOT NULL AND date_from <= date_to))",
            "An activity statement needs a period: a start date on or before its end date.",
        ),
    ]

    @api.depends("partner_id", "kind", "date_from", "date_to")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for statement in self:
            values = {
                "customer": statement.partner_id.name or "",
                "date": fields.Date.to_string(statement.date_to) or "",
            }
            # One sentence per kind: languages do not put the kind's label in one place.
            if statement.kind == "activity":
                name = self.env._("Activity statement of %(customer)s, %(date)s", **values)
            else:
                name = self.env._("Outstanding statement of %(customer)s, %(date)s", **values)
            statement.display_name = name

    @api.depends("partner_id", "company_id")
    def _compute_collector_id(self):
        for statement in self:
            partner = statement.partner_id.with_company(statement.company_id)
            statement.collector_id = partner.credit_collector_id or partner.user_id

    @api.model_create_multi
    def create(self, vals_list):
        # A statement is the commercial customer's, whichever contact it is issued to.
        partners = self.env["res.partner"].browse(
            [v["partner_id"] for v in vals_list if v.get("partner_id")]
        )
        commercial = {partner.id: partner.commercial_partner_id.id for partner in partners}
        for vals in vals_list:
            if vals.get("partner_id"):
                vals["partner_id"] = commercial[vals["partner_id"]]
        statements = super().create(vals_list)
        statements._store_balances()
        return statements

    def _store_balances(self):
        """Each statement's closing balance, written in one UPDATE (thousands at a time)."""
        balances = {id_: figures["closing"] for id_, figures in self._values().items()}
        self.flush_recordset()
        self.env.execute_query(
            SQL(
                """
                UPDATE credit_statement statement SET balance = data.balance
                  FROM unnest(%s::int[], %s::numeric[]) AS data(id, balance)
                 WHERE statement.id = data.id
                """,
                list(balances),
                list(balances.values()),
            )
        )
        self.invalidate_recordset(["balance"])

    def _values(self):
        """{statement id: what it shows}: one ledger read per company, kind and dates."""
        values = {}
        for (company, kind, date_from, date_to), group in self.grouped(
            lambda s: (s.company_id, s.kind, s.date_from, s.date_to)
        ).items():
            figures = group._figures(company, kind, date_from, date_to)
            values.update({s.id: figures[s.partner_id.id] for s in group})
        return values

    def _figures(self, company, kind, date_from, date_to):
        """{commercial partner id: figures} of these statements' customers."""
        ledger = self.env["credit.statement.ledger"].sudo()
        partners = self.partner_id
        if kind == "activity":
            activity = ledger._activity(company, partners, date_from, date_to)
            return {
                partner_id: {
                    "opening": opening,
                    "entries": entries,
                    "debit": sum(entry["debit"] for entry in entries),
                    "credit": sum(entry["credit"] for entry in entries),
                    "closing": company.currency_id.round(
                        opening + sum(e["debit"] - e["credit"] for e in entries)
                    ),
                }
                for partner_id, (opening, entries) in activity.items()
            }
        outstanding = ledger._outstanding(company, partners, date_to)
        return {
            partner_id: _outstanding_figures(company, outstanding.get(partner_id, []))
            for partner_id in partners.ids
        }

    def _currency_totals(self, items):
        """[(currency, total)] of open items in their own currencies."""
        totals = {}
        for item in items:
            totals[item["currency_id"]] = (
                totals.get(item["currency_id"], 0.0) + (item["residual_currency"])
            )
        currencies = self.env["res.currency"].browse(list(totals))
        return [(currency, currency.round(totals[currency.id])) for currency in currencies]

    def _document_label(self, entry):
        labels = {
            "out_invoice": self.env._("Invoice"),
            "out_receipt": self.env._("Receipt"),
            "out_refund": self.env._("Credit Note"),
        }
        if entry["move_type"] in labels:
            return labels[entry["move_type"]]
        return self.env._("Payment") if entry["is_payment"] else self.env._("Journal Entry")

    def _bucket_labels(self):
        return [
            ("current", self.env._("Not Due")),
            ("1_30", self.env._("1-30 Days Late")),
            ("31_60", self.env._("31-60 Days Late")),
            ("61_90", self.env._("61-90 Days Late")),
            ("over_90", self.env._("Over 90 Days Late")),
        ]

    def _file_name(self, extension):
        self.ensure_one()
        name = self.env._(
            "Statement %(customer)s %(date)s",
            customer=self.partner_id.name,
            date=fields.Date.to_string(self.date_to),
        )
        return f"{name}.{extension}".replace("/", "_")

    # Actions

    def action_print(self):
        # The statement prints its own letterhead: no company layout to set up first.
        report = self.env.ref("credit_collection.action_report_statement")
        return report.report_action(self, config=False)

    def action_download_xlsx(self):
        """One workbook, a sheet per statement."""
        content = self.env["credit.statement.xlsx"]._workbook(self)
        attachment = self.env["ir.attachment"].create(
            {
                "name": self[:1]._file_name("xlsx"),
                "raw": content,
                "res_model": self._name,
                "res_id": self[:1].id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }

    def action_send(self):
        """Send these statements by e-mail (within the company's sending hours)."""
        self._queue_sending()

    def _credit_reply_received(self, message_dict):
        """The customer answered this statement (the mail gateway, ``mail.thread``)."""
        self.write({"replied_date": fields.Datetime.now(), "reply_pending": True})
        self.partner_id._credit_pause_for_reply(self.display_name, self.company_id)

    def _check_can_send(self):
        if self.filtered(lambda s: s.state == "sent"):
            raise UserError(self.env._("A statement already sent cannot be sent again."))


def _outstanding_figures(company, items):
    buckets = dict.fromkeys((key for key, _first, _last in STATEMENT_BUCKETS), 0.0)
    for item in items:
        buckets[item["bucket"]] += item["residual"]
    closing = company.currency_id.round(sum(item["residual"] for item in items))
    overdue = company.currency_id.round(closing - buckets["current"])
    return {"items": items, "buckets": buckets, "closing": closing, "overdue": overdue}
