from odoo import api, models
from odoo.tools import format_amount


class CreditAutoHold(models.AbstractModel):
    """Automatic credit holds from the risk segment's overdue tolerance.

    A customer whose segment holds automatically is put on hold once its
    overdue amount or its oldest overdue days go beyond the segment's
    tolerance, and released once back within it: by the daily scheduled
    action (``res.partner._cron_credit_update_holds``), and at once when a
    payment is reconciled (``account.partial.reconcile``). Manual holds are
    never released here. Holds and releases go through ``res.partner``'s
    methods, which track them in the chatter.
    """

    _name = "credit.auto.hold"
    _description = "Automatic Credit Holds"

    @api.model
    def _update_all_companies(self):
        for company in self.env["res.company"].sudo().search([]):
            partners = (
                self.env["res.partner"]
                .sudo()
                .with_company(company)
                .search(
                    [
                        "|",
                        ("credit_risk_segment_id.auto_hold", "=", True),
                        ("credit_hold_type", "=", "automatic"),
                    ]
                )
            )
            self._update(partners.commercial_partner_id, company, release_only=False)

    @api.model
    def _update(self, partners, company, release_only=True):
        """Hold or release the commercial ``partners`` in ``company`` according to
        their segment's tolerance; with ``release_only``, only release."""
        partners = partners.with_company(company).sudo()
        if release_only:
            partners = partners.filtered(lambda p: p.credit_hold_type == "automatic")
        if not partners:
            return
        figures = self.env["credit.exposure"]._figures(partners, company)
        currency = company.currency_id
        for partner in partners:
            cause = self._hold_cause(partner, figures[partner.id], currency)
            if cause and not partner.credit_hold and not release_only:
                partner._credit_put_on_hold(cause, hold_type="automatic")
            elif not cause and partner.credit_hold_type == "automatic":
                partner._credit_release()

    @api.model
    def _hold_cause(self, partner, figure, currency):
        """Why ``partner`` exceeds its segment's tolerance, or None."""
        segment = partner.credit_risk_segment_id
        if not segment.auto_hold or not segment._exceeds_tolerance(
            figure.overdue, figure.oldest_overdue_days, currency
        ):
            return None
        return self.env._(
            "%(amount)s overdue, oldest invoice %(days)s days late: beyond the tolerance of "
            "segment %(segment)s (%(max_amount)s, %(max_days)s days).",
            amount=format_amount(self.env, figure.overdue, currency),
            days=figure.oldest_overdue_days,
            segment=segment.display_name,
            max_amount=format_amount(self.env, segment.overdue_tolerance_amount, currency),
            max_days=segment.overdue_tolerance_days,
        )
