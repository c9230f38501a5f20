import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class AccountMove(models.Model):
    """Each invoice's dunning state: the last level sent and when, the next
    dunning date, and the exclusion from dunning (dispute, promise to pay,
    payment plan, by hand). The planner and the sender read and write these.
    """

    _inherit = "account.move"

    dunning_level_id = fields.Many2one(
        "credit.dunning.level",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Last dunning level sent for this invoice.",
    )
    dunning_last_date = fields.Date(string="Last Dunning", readonly=True, copy=False)
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

    def _credit_controlled_fields(self):
        return super()._credit_controlled_fields() | {
            "dunning_excluded",
            "dunning_exclusion_reason",
            "dunning_excluded_until",
        }

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

    # Not on the due date: a draft has no next dunning date, and a posted invoice's due
    # date rarely changes (a journal item edited: read again from the next request on).
    # Posting recomputes the due date, and each field depending on it is one more node
    # that every change of a journal item walks through (see Posting in the README).
    @api.depends(
        "state", "payment_state", "dunning_level_id", "dunning_excluded",
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
