from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ...groups import CREDIT_MANAGER_GROUP


class CreditSegmentReview(models.Model):
    """A proposal to move a customer to the risk segment whose score range holds
    its payment score. Made by the nightly score job; a credit manager accepts
    or rejects it. With the company's option, moves to a safer segment (lower
    in the list) are applied at once; riskier moves always wait for a person."""

    _name = "credit.segment.review"
    _description = "Segment Review"
    _order = "state, create_date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    current_segment_id = fields.Many2one("credit.risk.segment", readonly=True)
    proposed_segment_id = fields.Many2one("credit.risk.segment", required=True, readonly=True)
    score = fields.Integer(readonly=True)
    safer = fields.Boolean(string="Safer Segment", readonly=True)
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("accepted", "Accepted"),
            ("applied", "Applied Automatically"),
            ("rejected", "Rejected"),
        ],
        default="proposed",
        required=True,
        readonly=True,
        index=True,
    )
    explanation = fields.Text(compute="_compute_explanation")

    @api.depends("partner_id", "company_id")
    @api.depends_context("lang")
    def _compute_explanation(self):
        by_key = self.env["credit.payment.score"]._by_customer(self.partner_id, self.company_id)
        for review in self:
            row = by_key.get((review.partner_id.id, review.company_id.id))
            review.explanation = row.explanation if row else False

    def _check_manager(self):
        if not self.env.user.has_group(CREDIT_MANAGER_GROUP):
            raise AccessError(self.env._("Only a credit manager changes a customer's segment."))
        if any(review.state != "proposed" for review in self):
            raise UserError(self.env._("Only a proposed segment change can be decided."))

    def action_accept(self):
        self._check_manager()
        self._apply("accepted")

    def action_reject(self):
        self._check_manager()
        self.state = "rejected"

    def _apply(self, state):
        for review in self:
            customer = review.partner_id.with_company(review.company_id)
            customer.sudo().credit_risk_segment_id = review.proposed_segment_id
            customer.sudo().message_post(
                body=self.env._(
                    "Risk segment changed to %(segment)s from the payment score %(score)s "
                    "(segment review).",
                    segment=review.proposed_segment_id.display_name,
                    score=review.score,
                )
            )
        self.state = state

    @api.model
    def _propose(self, company):
        """Proposals for the customers of ``company`` whose score left their segment's range."""
        segments = self.env["credit.risk.segment"].search(
            [("company_id", "in", (False, company.id)), ("score_max", ">", 0)]
        )
        if not segments:
            return self.browse()
        scores = self.env["credit.payment.score"].search(
            [("company_id", "=", company.id), ("enough_history", "=", True)]
        )
        customers = scores.partner_id.with_company(company)
        customers.fetch(["credit_risk_segment_id"])
        pending = {
            (review.partner_id.id, review.proposed_segment_id.id)
            for review in self.search([("company_id", "=", company.id), ("state", "=", "proposed")])
        }
        values = []
        for row in scores:
            current = row.partner_id.with_company(company).credit_risk_segment_id
            target = segments.filtered(lambda s, r=row: s.score_min <= r.score <= s.score_max)[:1]
            if not target or target == current or (row.partner_id.id, target.id) in pending:
                continue
            values.append(
                {
                    "partner_id": row.partner_id.id,
                    "company_id": company.id,
                    "current_segment_id": current.id,
                    "proposed_segment_id": target.id,
                    "score": row.score,
                    "safer": bool(current) and target.sequence < current.sequence,
                }
            )
        reviews = self.create(values)
        if company.credit_segment_auto_safer:
            reviews.filtered("safer")._apply("applied")
        return reviews
