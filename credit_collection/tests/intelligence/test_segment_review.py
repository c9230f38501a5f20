from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import create_credit_users
from .test_payment_score import PaidHistoryCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-06-30")
class TestSegmentReview(PaidHistoryCommon):
    """The nightly job proposes the segment whose score range holds the score (67 here)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.segments = {
            code: ref(f"credit_collection.credit_risk_segment_{code}") for code in "abcd"
        }
        for code, (low, high) in zip("abcd", ((80, 100), (60, 79), (40, 59), (0, 39)), strict=True):
            cls.segments[code].write({"score_min": low, "score_max": high})
        cls.users = create_credit_users(cls.env, cls.company)

    def _reviews(self):
        self.env["credit.score.engine"]._compute_company(self.company)
        return self.env["credit.segment.review"].search([("partner_id", "=", self.customer.id)])

    def _segment(self):
        return self.customer.with_company(self.company).credit_risk_segment_id

    def test_riskier_move_waits_for_a_manager(self):
        self.customer.with_company(self.company).credit_risk_segment_id = self.segments["a"]
        self.company.credit_segment_auto_safer = True
        review = self._reviews()
        self.assertEqual(
            (review.state, review.proposed_segment_id, review.score, review.safer),
            ("proposed", self.segments["b"], 67, False),
        )
        self.assertIn("paid late", review.explanation)
        self.assertEqual(self._reviews(), review)  # the next night: no second proposal
        with self.assertRaises(AccessError):
            review.with_user(self.users["controller"]).action_accept()
        review.with_user(self.users["manager"]).action_accept()
        self.assertEqual((review.state, self._segment()), ("accepted", self.segments["b"]))
        self.assertIn("segment review", self.customer.message_ids[0].body)

    def test_safer_move_applies_itself_when_the_company_says_so(self):
        self.customer.with_company(self.company).credit_risk_segment_id = self.segments["d"]
        review = self._reviews()
        self.assertEqual(
            (review.state, review.safer, self._segment()), ("proposed", True, self.segments["d"])
        )
        review.with_user(self.users["manager"]).action_reject()
        self.company.credit_segment_auto_safer = True
        review = self._reviews().filtered(lambda r: r.state != "rejected")
        self.assertEqual((review.state, self._segment()), ("applied", self.segments["b"]))
