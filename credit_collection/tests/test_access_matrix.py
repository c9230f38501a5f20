from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

ROLES = {
    "portal": "base.group_portal",
    "employee": "base.group_user",
    "salesperson": "sales_team.group_sale_salesman",
    "billing": "account.group_account_invoice",
    "controller": "credit_collection.group_credit_controller",
    "manager": "credit_collection.group_credit_manager",
}
# What each role may do on each model of the module: r(ead) w(rite) c(reate) d(elete).
# The README's *Who can do what* prints this table; a change of rights changes both.
MATRIX = {
    "credit.ageing.export": ('-', '-', '-', '-', 'rwcd', 'rwcd'),
    "credit.ageing.line": ('-', '-', '-', '-', 'r', 'r'),
    "credit.call": ('-', '-', '-', '-', 'rwc', 'rwcd'),
    "credit.customer.exposure": ('-', '-', '-', '-', 'r', 'r'),
    "credit.dispute": ('-', '-', 'rc', '-', 'rwcd', 'rwcd'),
    "credit.dispute.line": ('-', '-', 'rc', '-', 'rwcd', 'rwcd'),
    "credit.dispute.reason": ('-', 'r', 'r', 'r', 'r', 'rwcd'),
    "credit.dunning.communication": ('-', '-', 'r', '-', 'rwcd', 'rwcd'),
    "credit.dunning.communication.line": ('-', '-', 'r', '-', 'rwcd', 'rwcd'),
    "credit.dunning.level": ('-', '-', '-', '-', 'r', 'rwcd'),
    "credit.dunning.policy": ('-', '-', '-', '-', 'r', 'rwcd'),
    "credit.dunning.run": ('-', '-', '-', '-', 'rwc', 'rwcd'),
    "credit.forecast.line": ('-', '-', '-', '-', 'r', 'r'),
    "credit.insurance.limit": ('-', '-', '-', '-', 'r', 'rwcd'),
    "credit.insurance.policy": ('-', '-', '-', '-', 'r', 'rwcd'),
    "credit.interest.rate": ('-', '-', '-', '-', 'r', 'rwcd'),
    "credit.kpi": ('-', '-', '-', '-', 'r', 'r'),
    "credit.late.payment": ('-', '-', '-', '-', 'r', 'r'),
    "credit.overview": ('-', '-', '-', '-', 'rwc', 'rwc'),
    "credit.payment.median": ('-', 'r', 'r', 'r', 'r', 'r'),
    "credit.payment.plan": ('-', '-', 'r', '-', 'rwc', 'rwcd'),
    "credit.payment.plan.line": ('-', '-', 'r', '-', 'rwcd', 'rwcd'),
    "credit.payment.score": ('-', 'r', 'r', 'r', 'r', 'r'),
    "credit.promise": ('-', '-', 'r', '-', 'rwc', 'rwcd'),
    "credit.reserved.goods": ('-', '-', '-', '-', 'r', 'r'),
    "credit.risk.segment": ('-', 'r', 'r', 'r', 'r', 'rwcd'),
    "credit.score.weights": ('-', '-', '-', '-', '-', 'rwc'),
    "credit.segment.review": ('-', '-', '-', '-', '-', 'rw'),
    "credit.statement": ('-', '-', '-', '-', 'rwc', 'rwcd'),
    "credit.statement.wizard": ('-', '-', '-', '-', 'rwcd', 'rwcd'),
    "credit.worklist": ('-', '-', '-', '-', 'r', 'r'),
    "res.partner.credit.hold": ('-', '-', '-', '-', 'rwc', 'rwc'),
    "sale.order.credit.approval": ('-', '-', '-', '-', '-', 'rwc'),
}  # fmt: skip
OPERATIONS = dict(zip("rwcd", ("read", "write", "create", "unlink"), strict=True))


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: new_test_user(cls.env, login=f"cc_matrix_{role}", groups=group)
            for role, group in ROLES.items()
        }

    def test_every_model_of_the_module_is_in_the_matrix(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "credit_collection"), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        own = ("credit.", "res.partner.credit", "sale.order.credit")  # not the core models extended
        stored = {
            m.model for m in models if m.model.startswith(own) and not self.env[m.model]._abstract
        }
        self.assertEqual(stored, set(MATRIX))

    def test_rights_of_each_role(self):
        actual = {
            model: tuple(
                "".join(
                    letter
                    for letter, operation in OPERATIONS.items()
                    if self.env[model].with_user(user).has_access(operation)
                )
                or "-"
                for user in self.users.values()
            )
            for model in MATRIX
        }
        self.assertEqual(actual, MATRIX)

    def test_a_controller_of_another_company_sees_nothing_of_this_one(self):
        company = self.env.company
        other = self.env["res.company"].create({"name": "Other Company"})
        outsider = new_test_user(
            self.env,
            login="cc_matrix_outsider",
            groups="credit_collection.group_credit_controller",
            company_id=other.id,
            company_ids=[Command.set(other.ids)],
        )
        run = self.env["credit.dunning.run"].create({"company_id": company.id})
        reason = self.env.ref("credit_collection.credit_dispute_reason_price")
        customer = self.env["res.partner"].create({"name": "Matrix Customer"})
        dispute = self.env["credit.dispute"].create(
            {"company_id": company.id, "partner_id": customer.id, "reason_id": reason.id}
        )
        for record in (run, dispute):
            as_outsider = record.with_user(outsider)
            self.assertFalse(as_outsider.search([("id", "=", record.id)]))
            with self.assertRaises(AccessError):
                as_outsider.read(["company_id"])

    def test_every_company_bound_model_has_a_company_rule(self):
        """A user of another company sees none of this company's records, whatever the
        model (wizards and the Overview are transient: each user sees only his own)."""
        for model in MATRIX:
            field = self.env[model]._fields.get("company_id")
            if not field or not field.store or self.env[model]._transient:
                continue  # a wizard's records are its creator's only
            rules = self.env["ir.rule"].sudo().search([("model_id.model", "=", model)])
            self.assertTrue(
                any("company_ids" in (rule.domain_force or "") for rule in rules),
                f"{model} has no company rule",
            )
