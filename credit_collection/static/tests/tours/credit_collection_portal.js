import { registry } from "@web/core/registry";

function inTenDays() {
    const day = new Date(Date.now() + 10 * 24 * 3600 * 1000);
    return day.toISOString().slice(0, 10);
}

registry.category("web_tour.tours").add("credit_collection_portal_promise_and_dispute", {
    steps: () => [
        {
            content: "The invoice page offers to promise a payment date",
            trigger: "form.o_credit_portal_promise input[name='promise_date']",
            run() {
                // A date input takes its value as YYYY-MM-DD, whatever the browser's language.
                document.querySelector("#credit_promise_date").value = inTenDays();
            },
        },
        {
            content: "Promise to pay",
            trigger: "form.o_credit_portal_promise button[type='submit']",
            run: "click",
        },
        {
            content: "The promise is recorded",
            trigger: "#credit_portal_actions .alert-success:contains('promise to pay is recorded')",
        },
        {
            content: "Explain the dispute",
            trigger: "form.o_credit_portal_dispute textarea[name='comment']",
            run: "edit Two crates arrived broken.",
        },
        {
            content: "Send the dispute",
            trigger: "form.o_credit_portal_dispute button[type='submit']",
            run: "click",
        },
        {
            content: "The dispute is recorded",
            trigger: "#credit_portal_actions .alert-success:contains('dispute is recorded')",
        },
    ],
});
