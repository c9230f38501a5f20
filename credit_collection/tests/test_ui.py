import json

from odoo.tests import HttpCase

from .common import always_send, create_credit_users, needs_demo_data


@needs_demo_data
class TestCreditCollectionUi(HttpCase):
    def test_controller_opens_overdue_invoices(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        create_credit_users(self.env, company)
        self.start_tour("/odoo", "credit_collection_overdue_invoices", login="cc_controller")

    def test_controller_drills_down_the_ageing_pivot(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        create_credit_users(self.env, company)
        self.start_tour("/odoo", "credit_collection_ageing", login="cc_controller")

    def test_blocked_quotation_approved_then_confirmed(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        users = create_credit_users(self.env, company)
        quotation = self.env.ref("credit_collection.demo_sale_rousseau_quotation")
        quotation.user_id = users["salesman"]
        self.start_tour(
            "/odoo/action-sale.action_quotations_with_onboarding",
            "credit_collection_request_approval",
            login="cc_salesman",
        )
        self.assertEqual(quotation.credit_approval_state, "requested")
        self.start_tour(
            "/odoo/action-credit_collection.sale_order_action_credit_approval_requests",
            "credit_collection_approve",
            login="cc_manager",
        )
        self.assertEqual(quotation.credit_approval_state, "approved")
        self.assertEqual(quotation.credit_approval_user_id, users["manager"])
        self.start_tour(
            "/odoo/action-sale.action_quotations_with_onboarding",
            "credit_collection_confirm_approved",
            login="cc_salesman",
        )
        self.assertEqual(quotation.state, "sale")

    def test_salesperson_cannot_raise_a_limit_over_json_rpc(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        create_credit_users(self.env, company)
        customer = self.env.ref("credit_collection.demo_partner_batiment_rousseau")
        self.authenticate("cc_salesman", "cc_salesman")
        response = self.url_open(
            "/web/dataset/call_kw/res.partner/write",
            data=json.dumps(
                {
                    "params": {
                        "model": "res.partner",
                        "method": "write",
                        "args": [customer.ids, {"credit_limit": 1e9}],
                        "kwargs": {"context": {"credit_skip_check": True}},
                    }
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        self.assertIn(
            "Only credit managers can change credit limits", response["error"]["data"]["message"]
        )
        self.assertEqual(customer.with_company(company).credit_limit, 10000.0)

    def test_controller_previews_then_sends_the_dunning(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        create_credit_users(self.env, company)
        always_send(company)  # the button is "Send", not "Send Now", whatever the hour
        self.start_tour(
            "/odoo", "credit_collection_dunning_preview_and_send", login="cc_controller"
        )
        run = self.env["credit.dunning.run"].search(
            [("company_id", "=", company.id)], order="id desc", limit=1
        )
        self.assertEqual(run.state, "done")
        rousseau = self.env.ref("credit_collection.demo_partner_batiment_rousseau")
        notice = run.communication_ids.filtered(lambda c: c.partner_id == rousseau)
        self.assertEqual((notice.channel, notice.state), ("formal_notice", "sent"))
        self.assertTrue(rousseau.with_company(company).credit_hold)

    def test_run_form_follows_the_sending(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        create_credit_users(self.env, company)
        run = self.env["credit.dunning.run"]._plan_run(company, state="running")
        self.assertTrue(run.remaining_count)
        self.start_tour(
            f"/odoo/action-credit_collection.credit_dunning_run_action/{run.id}",
            "credit_collection_dunning_progress",
            login="cc_controller",
        )
        self.assertEqual((run.state, run.remaining_count), ("done", 0))
        self.assertEqual(run.sent_count + run.failed_count, run.communication_count)

    def test_collector_logs_a_call_that_becomes_a_promise(self):
        company = self.env.ref("credit_collection.demo_company_fr")
        users = create_credit_users(self.env, company)
        moreau = self.env.ref("credit_collection.demo_partner_garage_moreau")
        moreau.with_company(company).credit_collector_id = users["controller"]
        self.start_tour(
            "/odoo", "credit_collection_worklist_call_to_promise", login="cc_controller"
        )
        call = self.env["credit.call"].search([("user_id", "=", users["controller"].id)])
        self.assertEqual((call.partner_id, call.outcome), (moreau, "promise"))
        self.assertEqual(call.promise_id.partner_id, moreau)
        self.assertEqual(str(call.promise_id.date_promised), "2030-12-31")
        self.assertEqual(call.promise_id.move_ids.mapped("payment_state"), ["not_paid", "not_paid"])
