from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..common import CreditLimitTestCommon

# Paris is UTC+2 in July: 10:00 there is 08:00 UTC.
SATURDAY_10AM = "2026-07-04 08:00:00"
MONDAY_7AM = "2026-07-06 05:00:00"
MONDAY_9AM = "2026-07-06 07:00:00"


@tagged("post_install", "-at_install")
class TestSendingHours(CreditLimitTestCommon):
    """Dunning e-mails leave within the company's sending hours (Monday to Friday,
    8:00 to 18:00 by default, in its time zone): a run planned outside them waits,
    and *Send Now* on a run sends at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Europe/Paris"
        cls.company.write(
            {"credit_sending_hour_from": 8.0, "credit_sending_hour_to": 18.0,
             "credit_sending_weekends": False}
        )  # fmt: skip
        cls.customer.email = "accounts@limit-customer.example.com"
        cls._invoice(300.0, "2026-06-20")  # a friendly reminder by e-mail
        cls.dispatcher = cls.env["credit.dunning.dispatcher"]
        cls.cron = cls.env.ref("credit_collection.ir_cron_dunning_run")

    def _company_run(self):
        return self.env["credit.dunning.run"].search(
            [("company_id", "=", self.company.id), ("state", "!=", "preview")]
        )

    def test_the_hours_in_the_company_time_zone(self):
        company = self.company
        for now, open_ in ((SATURDAY_10AM, False), (MONDAY_7AM, False), (MONDAY_9AM, True),
                           ("2026-07-06 16:30:00", False)):  # fmt: skip
            self.assertEqual(company._credit_sending_hours_open(datetime.fromisoformat(now)), open_)
        company.credit_sending_weekends = True
        self.assertTrue(company._credit_sending_hours_open(datetime.fromisoformat(SATURDAY_10AM)))
        with self.assertRaises(ValidationError):
            company.credit_sending_hour_to = 7.0

    def test_a_run_planned_on_saturday_waits_for_monday_8am(self):
        with freeze_time(SATURDAY_10AM):
            self.dispatcher._cron_run()
            run = self._company_run()
            self.assertEqual(run.state, "running")
            self.assertEqual(run.communication_ids.state, "draft")
            self.assertTrue(run.outside_sending_hours)
            triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
            self.assertIn(datetime(2026, 7, 6, 6, 0), triggers.mapped("call_at"))  # 8:00 Paris
        with freeze_time(MONDAY_7AM):
            self.dispatcher._cron_send()
            self.assertEqual(run.communication_ids.state, "draft")
        with freeze_time(MONDAY_9AM):
            self.dispatcher._cron_send()
            self.assertEqual(run.communication_ids.state, "sent")
            self.assertEqual(run.state, "done")

    def test_send_now_overrides(self):
        with freeze_time(SATURDAY_10AM):
            self.dispatcher._cron_run()
            run = self._company_run()
            run.action_send()
            self.assertEqual((run.state, run.communication_ids.state), ("done", "sent"))
