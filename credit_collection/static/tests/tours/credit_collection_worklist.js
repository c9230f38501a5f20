import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("credit_collection_worklist_call_to_promise", {
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Open the Credit & Collections menu",
            trigger: '.o-dropdown[data-menu-xmlid="credit_collection.credit_collection_menu_root"]',
            run: "click",
        },
        {
            content: "Open my worklist",
            trigger: '.o-dropdown-item[data-menu-xmlid="credit_collection.credit_worklist_menu"]',
            run: "click",
        },
        {
            content: "The broken promise comes first, with its reason in words",
            trigger: '.o_data_row:first:contains("Garage Moreau"):contains("Broken promise")',
        },
        {
            content: "Log a call to Garage Moreau",
            trigger: '.o_data_row:contains("Garage Moreau") button[name="action_log_call"]',
            run: "click",
        },
        {
            content: "The customer promises to pay",
            trigger: '.modal div[name="outcome"] .form-check:contains("Promise to Pay") input',
            run: "click",
        },
        {
            content: "Note what was said",
            trigger: '.modal div[name="note"] textarea',
            run: "edit Pays the garage's invoice at the end of the month.",
        },
        {
            content: "Log the call",
            trigger: '.modal button[name="action_log"]',
            run: "click",
        },
        {
            content: "The promise form opens, with the overdue invoices",
            trigger: '.modal .o_form_view:has(div[name="move_ids"] .o_data_row)',
        },
        {
            content: "Promised date",
            trigger: '.modal div[name="date_promised"] input',
            run: "edit 12/31/2030",
        },
        {
            content: "Save the promise",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Back on the worklist",
            trigger: "body:not(:has(.modal)) .o_list_view",
        },
    ],
});
