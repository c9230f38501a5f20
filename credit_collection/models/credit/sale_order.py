from odoo import api, fields, models


class SaleOrder(models.Model):
    """Credit check on confirmation.

    A quotation is credit blocked when its customer is on credit hold, is in
    a segment requiring prepayment, or would go over its credit limit with
    this order. Only a credit manager's approval, valid for this order up to
    an amount and until a date, lets it through; an order already paid
    online is never blocked.

    Each rule is written twice, side by side in its concern: in Python for the
    quotations at hand (``_credit_block_message``, and the hook
    ``_credit_block_reasons`` for later concerns' rules), and in SQL for the
    *Credit Blocked* search (``_credit_block_rules_sql``). Tests check that the
    two agree for every rule.
    """

    _inherit = "sale.order"

    credit_blocked = fields.Boolean(
        compute="_compute_credit_block",
        search="_search_credit_blocked",
        help="The customer is on hold, must prepay or would exceed its credit limit.",
    )
    credit_block_message = fields.Text(compute="_compute_credit_block")
    credit_usage_percent = fields.Float(
        related="partner_invoice_id.commercial_partner_id.credit_usage_percent"
    )
    credit_hold = fields.Boolean(  # not tracked on orders: see account.move
        related="partner_invoice_id.commercial_partner_id.credit_hold", tracking=False
    )
    credit_reserve_of_title_text = fields.Text(
        string="Reserve of Title Clause", compute="_compute_credit_reserve_of_title_text"
    )

    @api.depends_context("company")
    @api.depends(
        "state",
        "partner_invoice_id",
        "amount_total",
        "credit_approval_state",
        "credit_approved_amount",
        "credit_approval_expiry",
    )
    def _compute_credit_block(self):
        messages = self._credit_block_messages()
        for order in self:
            order.credit_block_message = messages.get(order.id, False)
            order.credit_blocked = bool(order.credit_block_message)

    @api.depends("partner_invoice_id", "company_id")
    @api.depends_context("lang")
    def _compute_credit_reserve_of_title_text(self):
        for order in self:
            customer = order.partner_invoice_id.commercial_partner_id.with_company(order.company_id)
            order.credit_reserve_of_title_text = (
                order.company_id._credit_reserve_of_title_text()
                if customer.credit_reserve_of_title
                else False
            )

    def _credit_block_messages(self):
        """{order id: why it cannot be confirmed} for the blocked quotations of self.
        One query tells which would be blocked; only theirs compute the figures
        the message shows."""
        messages = {}
        exposure = self.env["credit.exposure"]
        quotations = self.filtered(lambda o: o.state in ("draft", "sent") and o.partner_invoice_id)
        for company, orders in quotations.grouped("company_id").items():
            checks = exposure._checks(orders.partner_invoice_id, company)
            blocked = self.browse(
                order.id
                for order in orders
                if order._credit_would_block(checks[order.partner_invoice_id.id])
            )
            customers = self.env["res.partner"].browse(
                {checks[order.partner_invoice_id.id].partner_id for order in blocked}
            )
            figures = exposure._figures(customers.with_company(company), company) if blocked else {}
            for order in blocked:
                customer = order.partner_invoice_id.commercial_partner_id.with_company(company)
                message = order._credit_block_message(customer, figures[customer.id])
                if message:
                    messages[order.id] = message
            messages.update((orders - blocked)._credit_block_reasons(checks, company))
        return messages

    def _credit_block_reasons(self, checks, company):
        """{order id: why} for quotations that hold, segment and limit let through but
        a higher concern stops (``checks``: ``credit.exposure._checks``). The hook
        through which insurance, for one, adds its rule; none here."""
        return {}

    def _credit_would_block(self, check):
        """Whether the customer's hold, segment or limit stops this quotation."""
        if check.hold or check.prepayment_required:
            return True
        if not (self.company_id.credit_block_over_limit and check.limit):
            return False
        currency = self.company_id.currency_id
        total = check.exposure + self._credit_order_amount()
        return currency.compare_amounts(total, check.limit) > 0

    def _credit_block_message(self, customer, figure):
        """Why this quotation cannot be confirmed, or None if it can."""
        reasons = []
        # A salesperson may not read the hold's details; he must see them here.
        customer = customer.sudo()
        if customer.credit_hold:
            reasons.append(customer._credit_hold_message())
        if customer.credit_risk_segment_id.prepayment_required:
            reasons.append(
                self.env._(
                    "%(customer)s is in segment %(segment)s, which requires prepayment.",
                    customer=customer.name,
                    segment=customer.credit_risk_segment_id.display_name,
                )
            )
        limit_message = self._credit_limit_message(customer, figure)
        if limit_message:
            reasons.append(limit_message)
        # Paid online or approved: read only for a quotation that would be blocked.
        if not reasons or self._credit_covered():
            return None
        return "\n\n".join(reasons)

    def _credit_covered(self):
        """Paid online in full, or approved by a credit manager for this amount."""
        currency = self.currency_id
        if currency.compare_amounts(self.amount_paid, self.amount_total) >= 0 and self.amount_total:
            return True
        return (
            self.credit_approval_state == "approved"
            and self.credit_approval_expiry
            and self.credit_approval_expiry >= fields.Date.context_today(self)
            and currency.compare_amounts(self.amount_total, self.credit_approved_amount) <= 0
        )

    def _credit_order_amount(self):
        """What this order adds to the exposure, in company currency: its total, less
        what the customer paid online that is not in the books yet (authorised or
        done, no payment entry: once posted, the payment lowers the receivable)."""
        unbooked = sum(
            tx.amount
            for tx in self.sudo().transaction_ids
            if tx.state in ("authorized", "done") and not tx.payment_id
        )
        unpaid = max(self.amount_total - unbooked, 0.0)
        return self.company_id.currency_id.round(unpaid / (self.currency_rate or 1.0))

    def _credit_limit_message(self, customer, figure):
        if not self.company_id.credit_block_over_limit:
            return None  # the company only warns, as core does (partner_credit_warning)
        return self.env["credit.exposure"]._over_limit_message(
            customer, figure, self.company_id, order_amount=self._credit_order_amount()
        )

    def _confirmation_error_message(self):
        message = super()._confirmation_error_message()
        if message:
            return message
        block = self._credit_block_messages().get(self.id)
        if not block:
            return False
        return self.env._(
            "%(order)s cannot be confirmed.\n\n%(reasons)s\n\n"
            'Use "Request Credit Approval" to ask a credit manager for an exception.',
            order=self.name,
            reasons=block,
        )

    @api.depends_context("company")
    def _compute_partner_credit_warning(self):
        # Blocking companies: the confirmation check's reasons, whatever core's credit limit
        # option. The others: core's warning, after the hold or prepayment that still blocks.
        warning_only = self.filtered(lambda o: not o.company_id.credit_block_over_limit)
        result = super(SaleOrder, warning_only)._compute_partner_credit_warning()
        messages = self._credit_block_messages()
        for order in self:
            block = messages.get(order.id, "")
            if order in warning_only:
                block = "\n\n".join(filter(None, [block, order.partner_credit_warning]))
            order.partner_credit_warning = block
        return result

    def action_open_credit_partner(self):
        return self.partner_invoice_id.commercial_partner_id._credit_form_action()
