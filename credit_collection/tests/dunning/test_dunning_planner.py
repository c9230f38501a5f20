from freezegun import freeze_time

from odoo.tests import tagged

from ..common import CreditLimitTestCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestDunningPlanner(CreditLimitTestCommon):
    """Which level each invoice is due for, with the default French policy:
    courtesy -3, friendly +7, firm +21, formal notice +45, legal +60."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.courtesy = ref("credit_collection.credit_dunning_level_courtesy")
        cls.friendly = ref("credit_collection.credit_dunning_level_friendly")
        cls.firm = ref("credit_collection.credit_dunning_level_firm")
        cls.formal_notice = ref("credit_collection.credit_dunning_level_formal_notice")

    def _plan(self):
        return {
            step.partner_id: step for step in self.env["credit.dunning.planner"]._plan(self.company)
        }

    def _levels(self, step):
        return {
            line.move_id: (line.level_id, line.days_late, line.residual) for line in step.invoices
        }

    def test_before_the_due_date(self):
        due_in_3 = self._invoice(100.0, "2026-07-03")  # exactly on the courtesy threshold
        self._invoice(100.0, "2026-07-04")  # one day too early
        step = self._plan()[self.customer.id]
        self.assertEqual(self._levels(step), {due_in_3.id: (self.courtesy.id, -3, 100.0)})

    def test_thresholds_are_inclusive_and_levels_are_not_repeated(self):
        on_7 = self._invoice(100.0, "2026-06-23")  # 7 days late: friendly
        on_6 = self._invoice(100.0, "2026-06-24")  # 6 days late: still the courtesy level
        levels = self._levels(self._plan()[self.customer.id])
        self.assertEqual(levels[on_7.id][0], self.friendly.id)
        self.assertEqual(levels[on_6.id][0], self.courtesy.id)
        on_6.dunning_level_id = self.courtesy  # already sent
        self.assertNotIn(on_6.id, self._levels(self._plan()[self.customer.id]))

    def test_one_communication_at_the_highest_level(self):
        late_25 = self._invoice(300.0, "2026-06-05")  # firm reminder
        late_8 = self._invoice(200.0, "2026-06-22")  # friendly reminder
        late_50 = self._invoice(100.0, "2026-05-11", partner=self.contact)  # formal notice directly
        plan = self._plan()
        self.assertEqual(list(plan), [self.customer.id])  # the contact's invoice rolls up
        step = plan[self.customer.id]
        self.assertEqual(step.level_id, self.formal_notice.id)
        self.assertEqual(
            {move: level for move, (level, _days, _residual) in self._levels(step).items()},
            {
                late_25.id: self.firm.id,
                late_8.id: self.friendly.id,
                late_50.id: self.formal_notice.id,
            },
        )
        self.assertEqual(step.total, 600.0)

    def test_partial_payment_and_paid_invoices(self):
        partly = self._invoice(1000.0, "2026-06-01")
        paid = self._invoice(500.0, "2026-06-01")
        self._pay(partly, 400.0)
        self._pay(paid, 500.0)
        levels = self._levels(self._plan()[self.customer.id])
        self.assertEqual(levels, {partly.id: (self.firm.id, 29, 600.0)})

    def test_credit_notes_covering_everything(self):
        self._invoice(300.0, "2026-06-01")
        self._invoice(300.0, "2026-06-15", move_type="out_refund")
        self.assertNotIn(self.customer.id, self._plan())

    def test_excluded_invoices_and_broken_promises(self):
        disputed = self._invoice(100.0, "2026-06-01")
        disputed.write({"dunning_excluded": True, "dunning_exclusion_reason": "dispute"})
        promised = self._invoice(100.0, "2026-06-20")  # 10 days late
        promised.write(
            {
                "dunning_excluded": True,
                "dunning_exclusion_reason": "promise",
                "dunning_excluded_until": "2026-07-05",
                "dunning_level_id": self.friendly.id,
            }
        )
        self.assertNotIn(self.customer.id, self._plan())
        with freeze_time("2026-07-06"):
            # Promise broken: the next level is due at once, 16 days late (firm is due at 21).
            levels = self._levels(self._plan()[self.customer.id])
        self.assertEqual(levels, {promised.id: (self.firm.id, 16, 100.0)})

    def test_minimum_amount(self):
        self.firm.min_overdue_amount = 500.0
        small = self._invoice(400.0, "2026-06-05")  # 25 days: firm, but 400 < 500
        self.assertEqual(
            self._levels(self._plan()[self.customer.id])[small.id][0], self.friendly.id
        )

    def test_query_count_does_not_grow_with_customers(self):
        self._invoice(100.0, "2026-06-01")
        self.env.invalidate_all()
        # 1 of them for the customers in insolvency proceedings, whose older claims are declared,
        # 1 for the parts paid late of the invoices claiming penalties.
        with self.assertQueryCount(37):
            self.assertEqual(len(self.env["credit.dunning.planner"]._plan(self.company)), 1)
        for index in range(10):
            customer = self.env["res.partner"].create({"name": f"Late {index}", "is_company": True})
            self._invoice(100.0, "2026-06-01", partner=customer)
        self.env.invalidate_all()
        with self.assertQueryCount(37):
            self.assertEqual(len(self.env["credit.dunning.planner"]._plan(self.company)), 11)

    def test_penalties_on_the_firm_reminder(self):
        late_25 = self._invoice(1000.0, "2026-06-05")  # firm reminder: penalties
        late_8 = self._invoice(500.0, "2026-06-22")  # friendly reminder, in the same letter
        not_due = self._invoice(300.0, "2026-07-15")
        step = self._plan()[self.customer.id]
        lines = {line.move_id: line for line in step.invoices}
        # 2026 has no rate row: H2 2025's 12.15 % carries on. 1,000 x 12.15 % x 25 / 365 = 8.32
        self.assertEqual((lines[late_25.id].interest, lines[late_25.id].indemnity), (8.32, 40.0))
        # The firm reminder claims penalties on every late invoice: 500 x 12.15 % x 8 / 365
        self.assertEqual((lines[late_8.id].interest, lines[late_8.id].indemnity), (1.33, 40.0))
        self.assertNotIn(not_due.id, lines)  # no level due yet (courtesy is 3 days before)

    def test_no_penalties_in_a_friendly_reminder(self):
        late_8 = self._invoice(500.0, "2026-06-22")
        (line,) = self._plan()[self.customer.id].invoices
        self.assertEqual((line.move_id, line.interest, line.indemnity), (late_8.id, 0.0, 0.0))

    def test_contractual_rate_individuals_and_insolvency(self):
        customer = self.customer.with_company(self.company)
        customer.credit_contractual_interest_rate = 5.0  # below 3 x 2.62 %: 7.86 % applies
        self._invoice(1000.0, "2026-06-05")
        line = self._plan()[self.customer.id].invoices[0]
        self.assertEqual((line.interest, line.indemnity), (5.38, 40.0))  # 1,000 x 7.86 % x 25 / 365
        customer.credit_insolvency = True  # no dunning, interest (L622-28) nor indemnity
        self.assertNotIn(self.customer.id, self._plan())

    def test_penalties_from_professional_customers_only(self):
        person = self.env["res.partner"].create({"name": "Jean Dupont"})
        self.assertFalse(person.credit_professional)
        self._invoice(1000.0, "2026-06-05", partner=person)  # 25 days late: firm reminder
        step = self._plan()[person.id]
        self.assertEqual(step.level_id, self.firm.id)
        self.assertFalse(step.include_penalties)
        self.assertEqual((step.invoices[0].interest, step.invoices[0].indemnity), (0.0, 0.0))
        # A sole trader: an individual with a SIREN is a professional.
        person.company_registry = "123456789"
        self.assertTrue(person.credit_professional)
        line = self._plan()[person.id].invoices[0]
        self.assertEqual(
            (line.interest, line.indemnity), (8.32, 40.0)
        )  # 1,000 x 12.15 % x 25 / 365
        # The flag wins over what it was proposed from.
        person.credit_professional = False
        self.assertEqual(self._plan()[person.id].invoices[0].interest, 0.0)
        self.assertTrue(self.customer.credit_professional)  # a company

    def test_individual_owes_legal_interest_after_the_formal_notice_if_the_policy_says(self):
        self.formal_notice.policy_id.individual_interest_after_notice = True
        person = self.env["res.partner"].create({"name": "Jean Dupont", "email": "jd@example.com"})
        invoice = self._invoice(1000.0, "2026-05-10", partner=person)  # 51 days: formal notice
        step = self._plan()[person.id]
        self.assertEqual(step.level_id, self.formal_notice.id)
        self.assertEqual(step.invoices[0].interest, 0.0)  # no notice yet: nothing runs
        run = self.env["credit.dunning.run"]._plan_run(self.company)
        run.action_send()  # the formal notice, sent on 2026-06-30
        self.assertEqual(invoice.dunning_level_id, self.formal_notice)
        with freeze_time("2026-07-20"):  # 71 days late: legal escalation, which claims penalties
            line = self._plan()[person.id].invoices[0]
        # Legal rate from the notice's receipt, expected on 3 July (sent 30 June + 3 days):
        # 17 days, H2 2026 at the latest rate (2.62 %), no indemnity: 1,000 x 2.62 % x 17 / 365
        # = 1.22.
        self.assertEqual((line.interest, line.indemnity), (1.22, 0.0))
        # Its acknowledgment of receipt says 2 July: 18 days, 1,000 x 2.62 % x 18 / 365 = 1.29.
        notice = run.communication_ids.filtered(lambda c: c.partner_id == person)
        notice.receipt_date = "2026-07-02"
        with freeze_time("2026-07-20"):
            self.assertEqual(self._plan()[person.id].invoices[0].interest, 1.29)
        self.formal_notice.policy_id.individual_interest_after_notice = False
        with freeze_time("2026-07-20"):
            self.assertEqual(self._plan()[person.id].invoices[0].interest, 0.0)
