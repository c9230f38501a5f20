import re

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
class TestPortalSelfService(CreditLimitTestCommon, HttpCase):
    """From the invoice's portal page a customer promises to pay or disputes the
    invoice; the token is checked and the requests are rate-limited."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(480.0, "2026-01-05", invoice_date="2026-01-01")
        cls.invoice.invoice_user_id = cls.env.user
        cls.portal_user = cls.env["res.users"].create(
            {
                "name": "Buyer Portal",
                "login": "cc_portal",
                "password": "cc_portal",
                "partner_id": cls.contact.id,
                "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
            }
        )

    def _post(self, route, status=200, **data):
        # As the customer who follows the e-mail's link: no login, the invoice's token.
        login_page = self.url_open("/web/login").text
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', login_page).group(1)
        response = self.url_open(
            f"/my/invoices/{self.invoice.id}/credit/{route}",
            data={"csrf_token": csrf_token, **data},
        )
        self.assertEqual(response.status_code, status, response.text[-500:])
        return response

    def _token(self):
        self.invoice._portal_ensure_token()
        return self.invoice.access_token

    def test_portal_user_promises_then_disputes_in_the_browser(self):
        self.start_tour(
            f"/my/invoices/{self.invoice.id}",
            "credit_collection_portal_promise_and_dispute",
            login="cc_portal",
        )
        promise = self.env["credit.promise"].search([("move_ids", "in", self.invoice.ids)])
        self.assertEqual(
            (promise.channel, promise.user_id, promise.amount, promise.partner_id),
            ("portal", self.env["res.users"], 480.0, self.customer),
        )
        dispute = self.env["credit.dispute"].search([("line_ids.move_id", "=", self.invoice.id)])
        self.assertEqual((dispute.source, dispute.user_id), ("portal", self.env.user))
        self.assertIn("Two crates arrived broken.", dispute.note)
        self.assertEqual(dispute.line_ids.amount_disputed, 480.0)

    def test_token_is_checked(self):
        self._post("promise", access_token="not-the-token", promise_date="2099-01-01")
        self.assertFalse(self.env["credit.promise"].search([("move_ids", "in", self.invoice.ids)]))

    def test_requests_are_rate_limited_and_checked(self):
        token = self._token()
        reason = self.env.ref("credit_collection.credit_dispute_reason_price")
        response = self._post("promise", 400, access_token=token, promise_date="2001-01-01")
        self.assertIn("Choose a payment date", response.text)
        response = self._post(
            "dispute", 400, access_token=token, reason_id=str(reason.id), comment=""
        )
        self.assertIn("Give the reason of your dispute", response.text)
        for _index in range(2):  # each dispute closed by the collector before the next
            self._post("dispute", access_token=token, reason_id=str(reason.id), comment="Price")
            self._disputes().filtered(lambda d: d.state == "open").action_withdraw()
        self._post("promise", access_token=token, promise_date="2026-12-31")
        response = self._post(
            "dispute", 400, access_token=token, reason_id=str(reason.id), comment="Again"
        )
        self.assertIn("several requests", response.text)
        self.assertEqual(len(self._disputes()), 2)

    def _disputes(self):
        return self.env["credit.dispute"].search([("line_ids.move_id", "=", self.invoice.id)])

    def test_bad_parameters_get_a_page_not_a_server_error(self):
        token = self._token()
        response = self._post("dispute", 400, access_token=token, reason_id="1 OR 1=1", comment="x")
        self.assertIn("Choose the reason of your dispute in the list", response.text)
        archived = self.env.ref("credit_collection.credit_dispute_reason_price")
        archived.active = False
        response = self._post(
            "dispute", 400, access_token=token, reason_id=str(archived.id), comment="x"
        )
        self.assertIn("Give the reason of your dispute", response.text)
        self.assertFalse(self._disputes())

    def test_one_open_dispute_and_none_right_after_a_rejection(self):
        token = self._token()
        reason = self.env.ref("credit_collection.credit_dispute_reason_price")
        self._post("dispute", access_token=token, reason_id=str(reason.id), comment="Price")
        response = self._post(
            "dispute", 400, access_token=token, reason_id=str(reason.id), comment="Price!"
        )
        self.assertIn("already disputed", response.text)
        self._disputes().action_reject()
        response = self._post(
            "dispute", 400, access_token=token, reason_id=str(reason.id), comment="Price!!"
        )
        self.assertIn("please contact", response.text)
        self.assertEqual(len(self._disputes()), 1)

    def test_no_self_service_promise_after_a_broken_one(self):
        token = self._token()
        self._post("promise", access_token=token, promise_date="2026-12-31")
        promise = self.env["credit.promise"].search([("move_ids", "in", self.invoice.ids)])
        promise.write({"state": "broken", "date_closed": fields.Date.context_today(promise)})
        response = self._post("promise", 400, access_token=token, promise_date="2026-12-31")
        self.assertIn("was not kept", response.text)
        self.invoice.company_id.credit_portal_cooldown_days = 0
        promise.date_closed = fields.Date.subtract(promise.date_closed, days=1)
        self._post("promise", access_token=token, promise_date="2026-12-31")

    def test_internal_users_use_the_back_office(self):
        self.authenticate("admin", "admin")
        page = self.url_open(f"/my/invoices/{self.invoice.id}").text
        self.assertNotIn("o_credit_portal_promise", page)  # no form for internal users
        self._post("promise", promise_date="2026-12-31")  # sent to /my
        self.assertFalse(self.env["credit.promise"].search([("move_ids", "in", self.invoice.ids)]))
