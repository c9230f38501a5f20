import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("credit_collection_ageing", {
    steps: () => [
        ...stepUtils.goToAppSteps("account.menu_finance", "Open Invoicing"),
        {
            content: "Open the Credit & Collections menu",
            trigger: '.o-dropdown[data-menu-xmlid="credit_collection.credit_collection_menu_root"]',
            run: "click",
        },
        {
            content: "Open the receivable ageing",
            trigger: '.o-dropdown-item[data-menu-xmlid="credit_collection.credit_ageing_line_menu"]',
            run: "click",
        },
        {
            content: "Buckets are columns, in ageing order",
            trigger: '.o_pivot thead:contains("Not Due"):contains("Over 120 Days")',
        },
        {
            content: "The long overdue customer has its row",
            trigger: '.o_pivot_header_cell_closed:contains("Agence Lambert Conseil")',
        },
        {
            content: "Drill down into its over 120 days cell",
            trigger: 'tr:has(.o_pivot_header_cell_closed:contains("Agence Lambert Conseil")) td.o_pivot_cell_value:not(:empty):last',
            run: "click",
        },
        {
            content: "Its two overdue invoices are listed",
            trigger: '.o_list_view:has(.o_data_row:contains("Agence Lambert Conseil")):not(:has(.o_data_row:contains("Boulangerie")))',
        },
        {
            content: "Two rows",
            trigger: '.o_list_view:has(.o_data_row:eq(1)):not(:has(.o_data_row:eq(2)))',
        },
    ],
});
