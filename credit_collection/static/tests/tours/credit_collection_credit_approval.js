import { registry } from "@web/core/registry";

const openRousseauQuotation = [
    {
        content: "Open the quotation of the customer over its limit",
        trigger: '.o_data_row:contains("Bâtiment Rousseau") td[name="partner_id"]',
        run: "click",
    },
];

registry.category("web_tour.tours").add("credit_collection_request_approval", {
    steps: () => [
        ...openRousseauQuotation,
        {
            content: "The quotation carries the Credit Blocked ribbon",
            trigger: '.o_form_view .ribbon:contains("Credit Blocked")',
        },
        {
            content: "Try to confirm it",
            trigger: '.o_form_statusbar button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The refusal shows the limit, the exposure, this order and the excess",
            trigger:
                '.modal:contains("would exceed its credit limit"):contains("Credit limit: 10,000.00"):contains("This order: 6,000.00"):contains("Excess: 8,720.00")',
        },
        {
            content: "Close the refusal",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Ask a credit manager for an exception",
            trigger: 'button[name="action_credit_request_approval"]',
            run: "click",
        },
        {
            content: "The request is in the chatter",
            trigger: '.o-mail-Message:contains("Credit approval requested")',
        },
    ],
});

registry.category("web_tour.tours").add("credit_collection_approve", {
    steps: () => [
        ...openRousseauQuotation,
        {
            content: "Open the credit decision",
            trigger: 'button[name="action_credit_decide"]',
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: '.modal div[name="reason"] textarea',
            run: "edit Guarantee received from the parent company",
        },
        {
            content: "Approve",
            trigger: '.modal button[name="action_approve"]',
            run: "click",
        },
        {
            content: "The approval is in the chatter and the ribbon is gone",
            trigger:
                '.o_form_view:not(:has(.ribbon:contains("Credit Blocked"))) .o-mail-Message:contains("Credit approved up to")',
        },
    ],
});

registry.category("web_tour.tours").add("credit_collection_confirm_approved", {
    steps: () => [
        ...openRousseauQuotation,
        {
            content: "Confirm the approved quotation",
            trigger: '.o_form_statusbar button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "It is a sales order now",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("Sales Order")',
        },
    ],
});
