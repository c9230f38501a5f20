/**
 * Opens every menu item under a root menu the user sees, then each extra action,
 * in each of its views (list, kanban, pivot, graph, form of the first record, ...),
 * and fails (console.error) on an error dialog or a failed action. Used by
 * tests/test_menu_walk.py: `creditCollectionWalk(rootXmlid, actionXmlids)`.
 */
import { browser } from "@web/core/browser/browser";

const SKIPPED_VIEWS = ["search", "calendar", "activity", "map", "gantt"];

function settle() {
    return new Promise((resolve) => browser.setTimeout(resolve, 150));
}

function errorShown() {
    const dialog = document.querySelector(".o_error_dialog, .o_dialog .o_error_detail");
    return dialog && dialog.innerText.trim().slice(0, 500);
}

async function checked(label, step) {
    try {
        await step();
        await settle();
    } catch (error) {
        throw new Error(`${label}: ${error.data?.message || error.message || error}`);
    }
    const shown = errorShown();
    if (shown) {
        throw new Error(`${label}: ${shown}`);
    }
}

async function walkViews(env, label, opened) {
    const controller = env.services.action.currentController;
    if (!controller || controller.action.type !== "ir.actions.act_window") {
        return;
    }
    if (controller.action.target === "new") {  // a wizard opened in a dialog
        await checked(`${label} (close)`, () =>
            env.services.action.doAction({ type: "ir.actions.act_window_close" })
        );
        return;
    }
    const types = controller.action.views.map(([, type]) => type);
    for (const type of types.filter((t) => !SKIPPED_VIEWS.includes(t) && t !== "form")) {
        await checked(`${label} ${type}`, () => env.services.action.switchView(type));
        opened.push(`${label} ${type}`);
    }
    if (types.includes("list")) {
        await checked(`${label} list`, () => env.services.action.switchView("list"));
        // not the sample rows an empty list shows
        const firstCell =
            !document.querySelector(".o_view_sample_data") &&
            document.querySelector(".o_list_view .o_data_row .o_data_cell");
        if (firstCell) {
            await checked(`${label} form`, async () => {
                firstCell.click();
                await settle();
            });
            opened.push(`${label} form`);
        }
    }
}

async function walk(rootXmlid, actionXmlids = []) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const menus = env.services.menu;
    const opened = [];
    const root = menus.getAll().find((menu) => menu.xmlid === rootXmlid);
    const items = [];
    const collect = (menu) => {
        if (menu.actionID) {
            items.push(menu);
        }
        (menu.childrenTree || []).forEach(collect);
    };
    if (root) {
        collect(menus.getMenuAsTree(root.id));
    }
    for (const menu of items) {
        const label = `menu ${menu.xmlid}`;
        await checked(label, () => env.services.action.doAction(menu.actionID, { clearBreadcrumbs: true }));
        opened.push(label);
        await walkViews(env, label, opened);
    }
    for (const xmlid of actionXmlids) {
        const label = `action ${xmlid}`;
        await checked(label, () => env.services.action.doAction(xmlid, { clearBreadcrumbs: true }));
        opened.push(label);
        await walkViews(env, label, opened);
    }
    console.log(`credit_collection menu walk: ${items.length} menus, ${opened.length} screens opened`);
    console.log(`credit_collection menu walk opened: ${opened.join(" | ")}`);
    console.log("test successful");
}

window.creditCollectionWalk = (rootXmlid, actionXmlids) =>
    walk(rootXmlid, actionXmlids).catch((error) => console.error(`menu walk failed: ${error.message}`));
