import { onMounted, onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import {
    ProgressBarField,
    progressBarField,
} from "@web/views/fields/progress_bar/progress_bar_field";

const REFRESH_INTERVAL_MS = 3000;

/**
 * A dunning run's progress bar. While the run is being sent (by the scheduled
 * action's workers, not this browser), the form reloads itself every few
 * seconds so that its sent / to send / failed figures follow the sending.
 */
export class DunningRunProgressField extends ProgressBarField {
    setup() {
        super.setup();
        onMounted(() => {
            this.refreshInterval = setInterval(() => this.refresh(), REFRESH_INTERVAL_MS);
        });
        onWillUnmount(() => clearInterval(this.refreshInterval));
    }

    refresh() {
        const record = this.props.record;
        if (record.data.state === "running" && !record.dirty) {
            record.load();
        }
    }
}

registry.category("fields").add("credit_dunning_run_progress", {
    ...progressBarField,
    component: DunningRunProgressField,
    fieldDependencies: [{ name: "state", type: "selection" }],
});
