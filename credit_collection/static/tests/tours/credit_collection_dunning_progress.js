import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

registry.category("web_tour.tours").add("credit_collection_dunning_progress", {
    steps: () => [
        {
            content: "The run is being sent: nothing sent yet",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Sending")',
        },
        {
            content: "Its progress bar is shown",
            trigger: 'div[name="progress"] .o_progressbar',
        },
        {
            content: "A cron worker sends the run, outside this browser tab",
            // ("10" contains "0": the test checks the count itself before the tour)
            trigger: 'div[name="remaining_count"]',
            run: async () => {
                const ids = await rpc("/web/dataset/call_kw/credit.dunning.run/search", {
                    model: "credit.dunning.run",
                    method: "search",
                    args: [[["state", "=", "running"]]],
                    kwargs: {},
                });
                await rpc("/web/dataset/call_kw/credit.dunning.run/action_send", {
                    model: "credit.dunning.run",
                    method: "action_send",
                    args: [ids],
                    kwargs: {},
                });
            },
        },
        {
            content: "The form follows without a reload: the run is done",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Done")',
        },
        {
            content: "Nothing is left to send",
            trigger: 'div[name="remaining_count"]:contains("0")',
        },
    ],
});
