import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("credit_collection_dunning_preview_and_send", {
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Open the Credit & Collections menu",
            trigger: '.o-dropdown[data-menu-xmlid="credit_collection.credit_collection_menu_root"]',
            run: "click",
        },
        {
            content: "Preview today's dunning",
            trigger: '.o-dropdown-item[data-menu-xmlid="credit_collection.credit_dunning_run_preview_menu"]',
            run: "click",
        },
        {
            content: "The customer over its limit gets a formal notice",
            trigger: '.o_data_row:contains("Bâtiment Rousseau SAS"):contains("Formal notice")',
        },
        {
            content: "Letters can be printed",
            trigger: 'button[name="action_print_letters"]',
        },
        {
            content: "Send the run",
            trigger: 'button[name="action_send"]',
            run: "click",
        },
        {
            content: "The run is done",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Done")',
        },
        {
            content: "Nothing is left to send",
            trigger: '.o_form_view:not(:has(button[name="action_send"]))',
        },
    ],
});
