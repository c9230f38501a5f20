from markupsafe import Markup

from odoo import fields, models

from ...groups import CREDIT_CONTROLLER_GROUP, check_group
from .mail_activity import REPLY_ACTIVITY


class ResPartner(models.Model):
    """A customer who answers a reminder, a formal notice or a statement is not sent
    the next level while the collector reads the answer: until the reply is marked
    handled (its to-do done, or *Reply Handled*), or for the company's pause days."""

    _inherit = "res.partner"

    credit_reply_pause_until = fields.Date(
        string="Dunning Paused Until",
        copy=False,
        readonly=True,
        help="The customer replied to a reminder or a statement: no dunning level is sent "
        "until this date, or until the reply is marked handled.",
    )

    def _credit_controller_fields(self):
        return super()._credit_controller_fields() | {"credit_reply_pause_until"}

    def _credit_dunned(self):
        paused = self.credit_reply_pause_until
        return super()._credit_dunned() and not (
            paused and paused >= fields.Date.context_today(self)
        )

    def _credit_pause_for_reply(self, document_name, company):
        """Pause these customers' dunning and give each collector one to-do (a second
        reply extends the pause, and the open to-do stands)."""
        days = company.credit_reply_pause_days
        until = fields.Date.add(fields.Date.context_today(self), days=days)
        activity_type = self.env.ref(REPLY_ACTIVITY)
        for customer in self.commercial_partner_id.sudo():
            customer.credit_reply_pause_until = max(
                until, customer.credit_reply_pause_until or until
            )
            if customer.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
                continue
            collector = customer.with_company(company).credit_collector_id or customer.user_id
            customer.activity_schedule(
                REPLY_ACTIVITY,
                summary=self.env._("Customer replied: %s", document_name),
                note=Markup("<p>%s</p>")
                % self.env._(
                    "The reply is in the customer's chatter. Dunning is paused until %(date)s, "
                    "or until this activity is marked done.",
                    date=fields.Date.to_string(customer.credit_reply_pause_until),
                ),
                user_id=(collector or self.env.ref("base.user_admin")).id,
            )

    def _credit_reply_handled(self):
        """Resume dunning: the replies of these customers are handled."""
        customers = self.commercial_partner_id
        customers.write({"credit_reply_pause_until": False})
        for model in self._credit_reply_models():
            self.env[model].sudo().search(
                [("partner_id", "in", customers.ids), ("reply_pending", "=", True)]
            ).reply_pending = False

    def _credit_reply_models(self):
        """Models whose documents a customer replies to; each concern adds its own."""
        return ["credit.dunning.communication"]

    def action_credit_reply_handled(self):
        """The collector has read and answered the reply: dunning resumes."""
        check_group(self.env, CREDIT_CONTROLLER_GROUP)
        customers = self.commercial_partner_id.sudo()
        activity_type = self.env.ref(REPLY_ACTIVITY)
        todos = customers.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
        todos.action_done()  # resumes dunning (mail.activity)
        customers._credit_reply_handled()
