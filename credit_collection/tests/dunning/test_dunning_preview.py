from freezegun import freeze_time

from odoo.tests import tagged

from ..common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
class TestDunningPreview(CreditLimitTestCommon):
    """Previews are not kept: a new one replaces the user's last, the daily action
    removes the old ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls._invoice(500.0, "2026-06-10")

    def _preview(self, role):
        runs = self.env["credit.dunning.run"].with_user(self.users[role])
        action = runs.with_company(self.company).action_preview()
        return self.env["credit.dunning.run"].browse(action["res_id"])

    def _previews(self):
        return self.env["credit.dunning.run"].search(
            [("company_id", "=", self.company.id), ("state", "=", "preview")]
        )

    @freeze_time("2026-06-30")
    def test_a_new_preview_replaces_the_users_last(self):
        first = self._preview("controller")
        managers = self._preview("manager")
        second = self._preview("controller")
        self.assertFalse(first.exists())
        self.assertEqual(self._previews(), managers | second)
        self.assertTrue(second.communication_ids)

    def test_the_daily_action_removes_old_previews(self):
        with freeze_time("2026-06-28"):
            old = self._preview("controller")
            sent = self.env["credit.dunning.run"]._plan_run(self.company, state="running")
            sent._send_batch(limit=None)
        with freeze_time("2026-06-30"):
            recent = self._preview("manager")
            self.env["credit.dunning.dispatcher"]._cron_run()
        self.assertFalse(old.exists())
        self.assertEqual(self._previews(), recent)
        self.assertEqual(sent.state, "done")
        self.company.credit_preview_keep_days = 5
        with freeze_time("2026-07-03"):
            self.env["credit.dunning.dispatcher"]._cron_run()
        self.assertEqual(self._previews(), recent)
