import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("credit_collection_overdue_invoices", {
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Open the Credit & Collections menu",
            trigger: '.o-dropdown[data-menu-xmlid="credit_collection.credit_collection_menu_root"]',
            run: "click",
        },
        {
            content: "Open the overdue invoices",
            trigger: '.o-dropdown-item[data-menu-xmlid="credit_collection.credit_collection_overdue_invoice_menu"]',
            run: "click",
        },
        {
            content: "The Overdue filter is on",
            trigger: '.o_searchview_facet:contains("Overdue")',
        },
        {
            content: "A chronic late payer is listed",
            trigger: '.o_list_view .o_data_row:contains("Menuiserie Garnier")',
        },
        {
            content: "A customer whose invoices are not due is not",
            trigger: '.o_list_view:not(:has(.o_data_row:contains("Clinique Vétérinaire Petit")))',
        },
    ],
});
