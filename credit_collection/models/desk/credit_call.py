from odoo import Command, api, fields, models

OUTCOMES = [
    ("reached", "Reached"),
    ("no_answer", "No Answer"),
    ("wrong_number", "Wrong Number"),
    ("promise", "Promise to Pay"),
    ("dispute", "Dispute"),
    ("transfer", "Will Pay by Transfer"),
]
REACHED = ("reached", "promise", "dispute", "transfer")


class CreditCall(models.Model):
    """A collection call to a customer and its outcome.

    Logged from the customer, the worklist or a dunning level's phone-call
    activity (which it marks done). A promise or a dispute outcome opens the
    promise or dispute form, prefilled; the call links to what was created.
    The collector KPIs count calls, reach rate and promised vs collected.
    """

    _name = "credit.call"
    _description = "Collection Call"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users", string="Collector", required=True, default=lambda self: self.env.user
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    outcome = fields.Selection(OUTCOMES, required=True)
    note = fields.Text()
    reached = fields.Boolean(compute="_compute_reached", store=True)
    reach_rate = fields.Float(
        string="Reach Rate (%)",
        compute="_compute_reached",
        store=True,
        aggregator="avg",
        help="100 for a call that reached the customer, 0 otherwise: averaged, the reach rate.",
    )
    promise_id = fields.Many2one("credit.promise", readonly=True)
    dispute_id = fields.Many2one("credit.dispute", readonly=True)
    amount_promised = fields.Monetary(related="promise_id.amount", store=True)
    amount_collected = fields.Monetary(related="promise_id.amount_collected", store=True)

    @api.depends("outcome")
    def _compute_reached(self):
        for call in self:
            call.reached = call.outcome in REACHED
            call.reach_rate = 100.0 if call.reached else 0.0

    @api.model
    def _action_log(self, customers, company=None):
        customer = customers[:1]
        company = company or self.env.company
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Call"),
            "res_model": "credit.call",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": customer.id, "default_company_id": company.id},
        }

    def action_log(self):
        """Note the call on the customer, close the collector's call activity,
        then open the promise or dispute form if the outcome asks for one."""
        self.ensure_one()
        label = dict(self._fields["outcome"]._description_selection(self.env))[self.outcome]
        body = self.env._("Call: %s", label) + (f" — {self.note}" if self.note else "")
        self.partner_id.message_post(body=body, subtype_xmlid="mail.mt_note")
        self._close_call_activity(label)
        if self.outcome in ("promise", "dispute"):
            return self._action_open_follow_up()
        return {"type": "ir.actions.act_window_close"}

    def _close_call_activity(self, feedback):
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.partner_id.id),
                ("activity_type_id", "=", self.env.ref("mail.mail_activity_data_call").id),
                ("user_id", "=", self.env.user.id),
            ]
        )
        if activities:
            activities.action_feedback(feedback=feedback)

    def _action_open_follow_up(self):
        overdue = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", fields.Date.context_today(self)),
            ]
        )
        context = {"default_partner_id": self.partner_id.id, "credit_call_id": self.id}
        if self.outcome == "promise":
            model, name = "credit.promise", self.env._("Promise to Pay")
            context |= {"default_move_ids": [Command.set(overdue.ids)], "default_channel": "phone"}
        else:
            model, name = "credit.dispute", self.env._("Dispute")
            context["default_line_ids"] = [
                Command.create({"move_id": move.id}) for move in overdue[:1]
            ]
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    @api.model
    def _link_created(self, records, field_name):
        """Link the promise or dispute created from a call's outcome to the call."""
        call_id = self.env.context.get("credit_call_id")
        if call_id and records:
            self.browse(call_id).write({field_name: records[:1].id})
