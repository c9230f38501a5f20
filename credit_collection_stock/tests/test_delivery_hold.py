from odoo import Command
from odoo.addons.credit_collection.tests.common import CreditLimitTestCommon, create_credit_users
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDeliveryHold(CreditLimitTestCommon):
    """A confirmed order's delivery, its customer put on credit hold afterwards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = create_credit_users(cls.env, cls.company)
        cls.users["warehouse"] = new_test_user(
            cls.env, login="cc_warehouse", groups="stock.group_stock_user",
            company_id=cls.company.id, company_ids=[cls.company.id],
        )  # fmt: skip
        cls.company.credit_block_deliveries = True
        order = cls._quotation(3)
        order.action_confirm()
        cls.delivery = order.picking_ids
        cls.delivery.move_ids.write({"quantity": 3, "picked": True})
        cls.customer.with_company(cls.company)._credit_put_on_hold("Cheque bounced")

    def _validate(self, role):
        return self.delivery.with_user(self.users[role]).button_validate()

    def test_delivery_to_a_customer_on_hold_is_refused_until_released(self):
        self.assertEqual(self.delivery.picking_type_code, "outgoing")
        self.assertTrue(self.delivery.credit_delivery_held)
        with self.assertRaisesRegex(UserError, "the customer is on credit hold"):
            self._validate("warehouse")
        self.assertEqual(self.delivery.state, "assigned")
        self.assertEqual(
            self.customer.with_user(self.users["controller"]).credit_held_picking_ids,
            self.delivery,
        )

        self.delivery.with_user(self.users["controller"]).action_credit_release_delivery()
        self.assertEqual(self.delivery.credit_released_by_id, self.users["controller"])
        self.assertTrue(self.delivery.credit_released_on)
        self.assertIn("Released by", str(self.delivery.message_ids[0].body))
        self.env.invalidate_all()  # as the next screen reads it
        self.assertFalse(self.customer.with_user(self.users["controller"]).credit_held_picking_ids)
        self._validate("warehouse")
        self.assertEqual(self.delivery.state, "done")

    def test_only_credit_controllers_release(self):
        for role in ("warehouse", "salesman"):
            with self.assertRaises(AccessError):
                self.delivery.with_user(self.users[role]).action_credit_release_delivery()
            with self.assertRaises(AccessError):
                self.delivery.with_user(self.users[role]).write(
                    {"credit_released_by_id": self.users[role].id}
                )
        self.assertFalse(self.delivery.credit_released_by_id)

    def test_off_by_default_and_only_for_customers_on_hold(self):
        self.company.credit_block_deliveries = False
        self.assertFalse(self.delivery.credit_delivery_held)
        self.company.credit_block_deliveries = True
        self.customer.with_company(self.company)._credit_release()
        self.delivery.invalidate_recordset()
        self.assertFalse(self.delivery.credit_delivery_held)
        self._validate("warehouse")
        self.assertEqual(self.delivery.state, "done")

    def test_new_companies_do_not_block(self):
        company = self.env["res.company"].create({"name": "Other Company"})
        self.assertFalse(company.credit_block_deliveries)

    def test_receipts_are_never_held(self):
        receipts = self.env["stock.picking.type"].search(
            [("code", "=", "incoming"), ("company_id", "=", self.company.id)], limit=1
        )
        receipt = self.env["stock.picking"].create(
            {
                "partner_id": self.customer.id,
                "picking_type_id": receipts.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": "Return",
                            "product_id": self.product.id,
                            "product_uom_qty": 1,
                            "location_id": self.env.ref("stock.stock_location_customers").id,
                            "location_dest_id": receipts.default_location_dest_id.id,
                        }
                    )
                ],
            }
        )
        self.assertFalse(receipt.credit_delivery_held)
