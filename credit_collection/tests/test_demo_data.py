from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase

from .common import create_credit_users, needs_demo_data


@needs_demo_data
class TestDemoData(TransactionCase):
    """The demo tells a credible collection story: check the situations it promises."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("credit_collection.demo_company_fr")
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.today = fields.Date.context_today(cls.env.user)

    def demo(self, xmlid):
        return self.env.ref(f"credit_collection.{xmlid}")

    def _invoices(self):
        return self.env["account.move"].search(
            [("company_id", "=", self.company.id), ("move_type", "=", "out_invoice")]
        )

    def test_invoices_spread_over_last_six_months(self):
        invoices = self._invoices()
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        dates = invoices.mapped("invoice_date")
        self.assertGreaterEqual(min(dates), self.today - relativedelta(months=6))
        self.assertLessEqual(max(dates), self.today)
        self.assertGreaterEqual(len({(d.year, d.month) for d in dates}), 6)

    def test_over_limit_customer_has_a_quotation_waiting(self):
        partner = self.demo("demo_partner_batiment_rousseau").with_company(self.company)
        # 4,300 + 3,900 + 2,400 excl. tax, 20 % VAT, nothing paid
        self.assertAlmostEqual(partner.credit, 12720.0)
        self.assertGreater(partner.credit, partner.credit_limit)
        quotation = self.demo("demo_sale_rousseau_quotation")
        self.assertEqual(quotation.state, "draft")
        self.assertAlmostEqual(quotation.amount_total, 6000.0)

    def test_partial_payments(self):
        first = self.demo("demo_invoice_tilleuls_1")
        self.assertEqual(first.payment_state, "partial")
        self.assertAlmostEqual(first.amount_residual, 10320.0 - 5000.0 - 3000.0)
        self.assertEqual(self.demo("demo_invoice_tilleuls_2").payment_state, "partial")

    def test_credit_note_reduces_its_invoice(self):
        refund = self.demo("demo_refund_dubois_2")
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.payment_state, "paid")
        self.assertAlmostEqual(self.demo("demo_invoice_dubois_2").amount_residual, 1500.0 - 540.0)

    def test_foreign_currency_customer(self):
        invoice = self.demo("demo_invoice_harbor_3")
        self.assertEqual(invoice.currency_id.name, "USD")
        self.assertAlmostEqual(invoice.amount_residual, 6480.0)
        # 6,480 USD at 1.08 USD per EUR
        self.assertAlmostEqual(invoice.amount_residual_signed, 6000.0)
        self.assertEqual(self.demo("demo_invoice_harbor_1").payment_state, "paid")

    def test_disputed_and_reserve_of_title_customers(self):
        self.assertIn("Disputed", str(self.demo("demo_invoice_faure_2").narration))
        dispute = self.demo("demo_dispute_faure")
        self.assertEqual((dispute.state, dispute.line_ids.amount_disputed), ("open", 6720.0))
        self.assertIn("reserve of title", self.demo("demo_partner_ferronnerie_blanc").comment)

    def test_collector_desk_stories(self):
        planned = {
            line.move_id
            for step in self.env["credit.dunning.planner"]._plan(self.company)
            for line in step.invoices
        }
        plan = self.demo("demo_plan_tilleuls")
        self.assertEqual((plan.state, plan.amount_total, len(plan.line_ids)), ("active", 7500.0, 3))
        for xmlid in ("demo_invoice_tilleuls_1", "demo_invoice_faure_2", "demo_invoice_garnier_3"):
            self.assertNotIn(self.demo(xmlid).id, planned, xmlid)  # plan, dispute, promise
        self.assertIn(self.demo("demo_invoice_moreau_2").id, planned)  # the broken promise
        moreau = self.demo("demo_partner_garage_moreau").with_company(self.company)
        self.assertEqual(moreau.credit_promise_kept_summary, "1 of 2 kept")
        self.assertEqual(self.demo("demo_promise_garnier_portal").channel, "portal")
        worklist = self.env["credit.worklist"].search([("company_id", "=", self.company.id)])
        self.assertEqual(worklist[0].partner_id, moreau)
        self.assertTrue(worklist[0].reason.startswith("Broken promise"))

    def test_scores_match_the_stories(self):
        def score(xmlid):
            return self.demo(xmlid).with_company(self.company)

        for good in ("demo_partner_boulangerie_martin", "demo_partner_transports_lefevre",
                     "demo_partner_pharmacie_centre"):  # fmt: skip
            self.assertGreaterEqual(score(good).credit_score, 90, good)
        for late in ("demo_partner_menuiserie_garnier", "demo_partner_garage_moreau"):
            self.assertTrue(score(late).credit_score_enough_history, late)
            self.assertLessEqual(score(late).credit_score, 40, late)
        newcomer = score("demo_partner_clinique_petit")
        self.assertFalse(newcomer.credit_score_enough_history)
        self.assertIn("Not enough history", newcomer.credit_score_explanation)
        reviews = self.env["credit.segment.review"].search([("company_id", "=", self.company.id)])
        self.assertIn(self.demo("demo_partner_garage_moreau"), reviews.partner_id)

    def test_insurance_stories(self):
        rousseau = self.demo("demo_partner_batiment_rousseau").with_company(self.company)
        self.assertEqual(rousseau.credit_insured_limit, 8000.0)
        self.assertEqual(rousseau.credit_uninsured_exposure, 12720.0 - 7200.0)
        expiring = self.env["credit.insurance.limit"].search([("expiring", "=", True)])
        self.assertEqual(expiring, self.demo("demo_insured_limit_mercier"))

    def test_confirmed_order_and_unapplied_payment(self):
        order = self.demo("demo_sale_mercier_order")
        self.assertEqual(order.state, "sale")
        self.assertAlmostEqual(order.amount_to_invoice, 7200.0)
        payment = self.demo("demo_payment_mercier_unapplied")
        self.assertEqual(payment.state, "in_process")
        self.assertFalse(payment.reconciled_invoice_ids)

    def test_controller_sees_overdue_invoices_of_late_payers(self):
        controller = create_credit_users(self.env, self.company)["controller"]
        overdue = (
            self.env["account.move"]
            .with_user(controller)
            .search(
                [
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", self.today),
                ]
            )
        )
        late_payers = overdue.partner_id.mapped("name")
        self.assertIn("Menuiserie Garnier", late_payers)
        self.assertIn("Agence Lambert Conseil", late_payers)
        self.assertNotIn("Clinique Vétérinaire Petit", late_payers)
