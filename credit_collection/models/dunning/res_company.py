from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

SATURDAY = 5


class ResCompany(models.Model):
    _inherit = "res.company"

    credit_preview_keep_days = fields.Integer(
        string="Keep Dunning Previews (days)",
        default=1,
        help="Previews of dunning runs are removed by the daily dunning action once this "
        "many days old; a user's new preview replaces the previous one.",
    )

    credit_sending_hour_from = fields.Float(
        string="Reminders Leave From",
        default=8.0,
        help="Dunning e-mails are sent from this hour (company's time zone) on sending days; "
        "a run planned outside the hours waits for them.",
    )
    credit_sending_hour_to = fields.Float(string="Reminders Leave Until", default=18.0)
    credit_sending_weekends = fields.Boolean(
        string="Send Reminders on Weekends",
        help="Off: dunning e-mails leave from Monday to Friday only.",
    )

    credit_reply_pause_days = fields.Integer(
        string="Pause After a Reply (days)",
        default=5,
        help="A customer who replies to a reminder or a statement gets no further dunning "
        "level for this many days, or until the collector marks the reply handled.",
    )

    _sql_constraints = [
        (
            "credit_reply_pause_days_positive",
            "CHECK (credit_reply_pause_days >= 0)",
            "The pause after a customer's reply cannot be negative.",
        ),
        (
            "credit_preview_keep_days_positive",
            "CHECK (credit_preview_keep_days >= 0)",
            "Dunning previews cannot be kept a negative number of days.",
        ),
    ]

    def _credit_time_zone(self):
        return pytz.timezone(self.partner_id.tz or self.env.user.tz or "UTC")

    def _credit_sending_hours_open(self, now=None):
        """Whether dunning e-mails may leave now: a sending day, within the hours."""
        self.ensure_one()
        local = pytz.utc.localize(now or fields.Datetime.now()).astimezone(self._credit_time_zone())
        hour = local.hour + local.minute / 60.0
        sending_day = self.credit_sending_weekends or local.weekday() < SATURDAY
        return sending_day and self.credit_sending_hour_from <= hour < self.credit_sending_hour_to

    def _credit_next_sending_time(self, now=None):
        """The next time (UTC, naive) the sending hours open, within a week."""
        self.ensure_one()
        zone = self._credit_time_zone()
        local = pytz.utc.localize(now or fields.Datetime.now()).astimezone(zone)
        hours, minutes = divmod(round(self.credit_sending_hour_from * 60), 60)
        for days in range(8):
            day = local.date() + timedelta(days=days)
            opening = zone.localize(datetime.combine(day, time(hours, minutes)))
            if opening <= local or (not self.credit_sending_weekends and day.weekday() >= SATURDAY):
                continue
            return opening.astimezone(pytz.utc).replace(tzinfo=None)
        return None

    @api.constrains("credit_sending_hour_from", "credit_sending_hour_to")
    def _check_credit_sending_hours(self):
        for company in self:
            hours = (company.credit_sending_hour_from, company.credit_sending_hour_to)
            if not 0 <= hours[0] < hours[1] <= 24:
                raise ValidationError(
                    self.env._(
                        "Reminders' sending hours must go from an hour to a later one, "
                        "between 0:00 and 24:00."
                    )
                )
