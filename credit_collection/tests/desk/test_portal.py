import re

from odoo import Command
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

    def _post(self, route, **data):
        # As the customer who follows the e-mail's link: no login, the invoice's token.
        login_page = self.url_open("/web/login").text
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', login_page).group(1)
        response = self.url_open(
            f"/my/invoices/{self.invoice.id}/credit/{route}",
            data={"csrf_token": csrf_token, **data},
        )
        self.assertEqual(response.status_code, 200)
        return response

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
        self.invoice._portal_ensure_token()
        token = self.invoice.access_token
        reason = self.env.ref("credit_collection.credit_dispute_reason_price")
        response = self._post("promise", access_token=token, promise_date="2001-01-01")
        self.assertIn("Choose a payment date", response.text)
        response = self._post("dispute", access_token=token, reason_id=str(reason.id), comment="")
        self.assertIn("Give the reason of your dispute", response.text)
        for _index in range(3):
            self._post(
                "dispute", access_token=token, reason_id=str(reason.id), comment="Wrong price"
            )
        response = self._post(
            "dispute", access_token=token, reason_id=str(reason.id), comment="Again"
        )
        self.assertIn("several requests", response.text)
        disputes = self.env["credit.dispute"].search([("line_ids.move_id", "=", self.invoice.id)])
        self.assertEqual(len(disputes), 3)
