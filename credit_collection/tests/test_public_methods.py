from contextlib import closing

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from ..report.desk.credit_kpi import REFRESH_LOCK
from .common import CreditLimitTestCommon, create_credit_users


@tagged("post_install", "-at_install")
class TestPublicMethods(CreditLimitTestCommon):
    """Methods RPC lets any logged-in user call refuse those who may not use them;
    fields that take an invoice out of credit control are the controllers'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        common = {"company_id": cls.company.id, "company_ids": cls.company.ids}
        cls.portal = new_test_user(cls.env, login="cc_portal", groups="base.group_portal", **common)
        cls.portal.partner_id.parent_id = cls.customer  # the customer's own contact
        cls.billing = new_test_user(
            cls.env, login="cc_billing_user", groups="account.group_account_invoice", **common
        )
        cls.invoice = cls._invoice(500.0, "2026-06-10")
        cls.order = cls._quotation(1)

    def test_company_wide_jobs_refuse_the_portal(self):
        env = self.env(user=self.portal)
        for call in (
            env["credit.forecast.line"].action_backtest,
            env["credit.kpi"].action_refresh,
            env["res.partner"].browse(self.customer.id).action_credit_update_score,
            lambda: (
                env["res.partner"].browse(self.customer.id).action_credit_declaration_of_claims()
            ),
            lambda: env["sale.order"].browse(self.order.id).action_credit_request_approval(),
        ):
            with self.assertRaises(AccessError):
                call()
        claims = self.env.ref("credit_collection.action_report_declaration_of_claims")
        with self.assertRaises(AccessError):
            claims.with_user(self.users["salesman"])._render_qweb_html(
                claims.report_name, self.customer.ids
            )

    def test_controllers_run_them(self):
        controller = self.users["controller"]
        self.env["credit.kpi"].with_user(controller).action_refresh()
        self.assertTrue(self.env["credit.kpi"].search([("company_id", "=", self.company.id)]))
        self.env["res.partner"].with_user(controller).browse(
            self.customer.id
        ).action_credit_update_score()
        backtest = self.env["credit.forecast.line"].with_user(controller).action_backtest()
        self.assertIn("message", backtest["params"])

    def test_kpi_refresh_one_at_a_time(self):
        with closing(self.registry.cursor()) as other:
            other.execute("SELECT pg_advisory_xact_lock(%s)", [REFRESH_LOCK])
            with self.assertRaisesRegex(UserError, "being refreshed already"):
                self.env["credit.kpi"].with_user(self.users["controller"]).action_refresh()
            other.rollback()

    def test_only_controllers_take_an_invoice_out_of_credit_control(self):
        invoice = self.invoice.with_user(self.billing)
        for values in (
            {"dunning_excluded": True, "dunning_exclusion_reason": "manual"},
            {"credit_einvoice_status": "rejected"},
            {"credit_einvoice_status": "refused"},
        ):
            with self.assertRaises(AccessError):
                invoice.write(values)
        with self.assertRaises(AccessError):
            self.env["account.move"].with_user(self.billing).create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "dunning_excluded": True,
                    "dunning_exclusion_reason": "manual",
                    "invoice_line_ids": [Command.create({"name": "x", "price_unit": 1.0})],
                }
            )
        invoice.ref = "Billing users still edit the rest"
        controlled = self.invoice.with_user(self.users["controller"])
        controlled.write({"dunning_excluded": True, "dunning_exclusion_reason": "manual"})
        controlled.credit_einvoice_status = "approved"
        self.assertEqual(
            (self.invoice.dunning_excluded, self.invoice.credit_einvoice_status),
            (True, "approved"),
        )

    def test_customer_figures_are_the_companys_own(self):
        self.customer.with_company(self.company).credit_limit = 100.0
        figures = [
            "credit_score", "credit_score_explanation", "credit_hold_reason", "credit_exposure",
            "credit_receivable_amount", "credit_available", "credit_insured_limit",
            "credit_uninsured_exposure", "credit_concentration_warning", "credit_collector_id",
            "credit_insolvency_judgment_date",
        ]  # fmt: skip
        for user in (self.portal, self.users["salesman"]):
            partner = self.env["res.partner"].with_user(user).browse(self.customer.id)
            for name in figures:
                with self.assertRaises(AccessError, msg=f"{user.login} reads {name}"):
                    partner.read([name])
            with self.assertRaises(AccessError):
                self.env["account.move"].with_user(user).browse(self.invoice.id).read(
                    ["credit_predicted_date"]
                )
        # Salespeople see that the customer is on hold or over its limit, and nothing more.
        salesman = self.env["res.partner"].with_user(self.users["salesman"])
        [values] = salesman.browse(self.customer.id).read(["credit_hold", "credit_over_limit"])
        self.assertEqual((values["credit_hold"], values["credit_over_limit"]), (False, True))
        [values] = (
            self.env["res.partner"]
            .with_user(self.billing)
            .browse(self.customer.id)
            .read(["credit_exposure", "credit_available", "credit_score"])
        )
        self.assertEqual((values["credit_exposure"], values["credit_available"]), (500.0, -400.0))

    def test_a_salesperson_opens_customers_and_quotations(self):
        """The forms drop the fields a salesperson may not read, and still open."""
        salesman = self.users["salesman"]
        self.customer.user_id = salesman
        partner_form = Form(self.env["res.partner"].with_user(salesman).browse(self.customer.id))
        self.assertEqual(partner_form.name, "Limit Customer")
        order = self._quotation(1, user=salesman).with_user(salesman)
        with Form(order) as form:
            form.note = "Deliver on Monday"
        self.assertEqual(order.state, "draft")
