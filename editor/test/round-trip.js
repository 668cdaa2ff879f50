// The editor round trip of FlowGen's palette, in a real Node-RED 4.1 and headless Chromium.
//
//   node round-trip.js <editor url> with-package|without-package
//
// with-package: the runtime loaded the palette without errors; a flow using the csharp node and http request's
// FlowGen fields is imported, every node's edit dialog is opened and closed, the flow is deployed, and the editor's
// export and the runtime's flows hold every field and wire unchanged. Then the dialogs are used to change the fields
// (and undo), invalid values are marked, the csharp node reports its error in Node-RED, and every flow file of the
// repository that uses FlowGen's nodes or fields opens and exports unchanged.
// without-package: the same import, dialogs and comparison must find FlowGen's fields and wires lost, which shows
// that the comparison can fail.
// Prints one "ok"/"not ok" line per check and stops at the first failing one (later checks build on earlier
// state); exits 1 when a check failed.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { isDeepStrictEqual } = require("node:util");
const { chromium } = require("playwright-core");

const [editorUrl, mode] = process.argv.slice(2);
if (!editorUrl || !["with-package", "without-package"].includes(mode)) {
    console.error("usage: node round-trip.js <editor url> with-package|without-package");
    process.exit(2);
}
const base = editorUrl.endsWith("/") ? editorUrl : editorUrl + "/";
const withPackage = mode === "with-package";
const repositoryRoot = path.resolve(__dirname, "../..");
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, "round-trip.flow.json"), "utf8"));
const fixtureNode = (id) => fixture.find((n) => n.id === id);
const FLOWGEN_HTTP_FIELDS = ["retries", "retryInterval", "failBranch", "bodyKind", "apiKeyIn", "apiKeyName", "outputs"];

let failed = 0;
async function check(name, body) {
    try {
        await body();
        console.log(`ok - ${name}`);
    } catch (error) {
        failed++;
        console.log(`not ok - ${name}\n  ${String(error && error.stack || error).split("\n").join("\n  ")}`);
        throw error;
    }
}

function expect(condition, message) {
    if (!condition) throw new Error(message);
}

/**
 * What differs between the expected nodes and the exported ones: a missing node, a changed or missing field, a
 * field the export added. The editor writes "outputs" on every node that has it in its defaults (with the package,
 * http request does): an added "outputs" that matches the node's outputs is not a change.
 */
function differences(expectedNodes, actualNodes) {
    const found = [];
    for (const expected of expectedNodes) {
        const actual = actualNodes.find((n) => n.id === expected.id);
        if (!actual) {
            found.push(`${expected.id}: missing`);
            continue;
        }
        for (const key of Object.keys(expected)) {
            if (!isDeepStrictEqual(expected[key], actual[key])) {
                found.push(`${expected.id}.${key}: expected ${JSON.stringify(expected[key])}, got ${JSON.stringify(actual[key])}`);
            }
        }
        for (const key of Object.keys(actual)) {
            const implicitOutputs = key === "outputs" && Array.isArray(expected.wires) && actual.outputs === expected.wires.length;
            if (!(key in expected) && !implicitOutputs) {
                found.push(`${expected.id}.${key}: added ${JSON.stringify(actual[key])}`);
            }
        }
    }
    return found;
}

function expectSame(expectedNodes, actualNodes, what) {
    const found = differences(expectedNodes, actualNodes);
    expect(found.length === 0, `${what} differs:\n  ${found.join("\n  ")}`);
}

async function adminGet(route) {
    const response = await fetch(base + route, { headers: { Accept: "application/json", "Node-RED-API-Version": "v2" } });
    expect(response.ok, `GET /${route}: ${response.status}`);
    return response.json();
}

async function main() {
    await check(withPackage ? "the runtime loaded the palette without errors (GET /nodes, /plugins)" : "the runtime runs without the palette", async () => {
        const sets = await adminGet("nodes");
        const broken = sets.filter((s) => s.err);
        expect(broken.length === 0, `node sets failed to load: ${JSON.stringify(broken.map((s) => [s.id, s.err]))}`);
        const csharp = sets.find((s) => s.id === "node-red-contrib-flowgen/csharp");
        const plugins = await adminGet("plugins");
        const plugin = plugins.find((p) => p.id === "node-red-contrib-flowgen/flowgen-http-request");
        if (!withPackage) {
            expect(!csharp && !plugin, "the palette is installed in a run that must not have it");
            return;
        }
        expect(csharp && csharp.enabled && csharp.version && isDeepStrictEqual(csharp.types, ["csharp"]), `csharp set: ${JSON.stringify(csharp)}`);
        expect(plugin && plugin.enabled && !plugin.err, `plugin: ${JSON.stringify(plugin)}`);
    });

    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "flowgen-palette-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"],
    });
    try {
        const page = context.pages()[0] || await context.newPage();
        page.setDefaultTimeout(20000);
        const pageErrors = [];
        page.on("pageerror", (error) => pageErrors.push(String(error)));
        await run(page, pageErrors);
    } finally {
        await context.close();
        fs.rmSync(profile, { recursive: true, force: true });
    }
}

async function run(page, pageErrors) {
    // As the Export dialog and deploy write it: JSON, where an undefined field is no field.
    const exportNodes = () => page.evaluate(() => JSON.parse(JSON.stringify(RED.nodes.createCompleteNodeSet({ credentials: false }))));
    const nodeState = (id) => page.evaluate((id) => {
        const n = RED.nodes.node(id);
        return { type: n.type, valid: n.valid, validationErrors: n.validationErrors || [] };
    }, id);

    // Opens a node's edit dialog as a double click does, lets `during` use it, and closes it with Done.
    async function editNode(id, during) {
        await page.evaluate((id) => RED.editor.edit(RED.nodes.node(id)), id);
        const done = page.locator("#node-dialog-ok");
        await done.waitFor({ state: "visible" });
        if (during) await during();
        await done.click();
        await done.waitFor({ state: "hidden" });
    }

    // The tab's label, or its icon when the tray is too narrow for every label.
    async function flowgenTab() {
        await page.locator("#red-ui-tab-flowgen-http-request > a:visible, #red-ui-tab-flowgen-http-request-link-button:visible").first().click();
        await page.locator("#flowgen-http-retries").waitFor({ state: "visible" });
    }

    async function deploy() {
        const saved = page.waitForResponse((r) => r.url() === base + "flows" && r.request().method() === "POST");
        await page.locator("#red-ui-header-button-deploy").click();
        const response = await saved;
        expect(response.ok(), `deploy: ${response.status()} ${await response.text()}`);
        await page.waitForFunction(() => !RED.nodes.dirty());
    }

    async function openEditor() {
        await page.goto(base);
        await page.waitForFunction(() => window.RED && RED.nodes && RED.workspaces && RED.workspaces.count() > 0 &&
            $("#red-ui-loading-progress").is(":hidden") && RED.nodes.getType("http request"));
    }

    await check("the editor opens", openEditor);

    await check("the flow imports as the Import dialog does", async () => {
        await page.evaluate((flow) => {
            RED.view.importNodes(flow, { generateIds: false, addFlow: false });
            RED.workspaces.show("rt_tab");
        }, fixture);
        const type = (await nodeState("rt_price")).type;
        expect(type === (withPackage ? "csharp" : "unknown"), `the csharp node is "${type}" in the editor`);
    });

    await check("every node's edit dialog opens and closes with Done", async () => {
        for (const id of ["rt_price", "rt_call", "rt_plain"]) {
            await editNode(id, withPackage && id !== "rt_price" ? flowgenTab : undefined);
        }
    });

    if (!withPackage) {
        await check("without the palette the export loses FlowGen's fields and the fail branch's wires", async () => {
            const found = differences(fixture, await exportNodes());
            const lost = new Set(found.filter((d) => d.startsWith("rt_call.")).map((d) => d.slice("rt_call.".length).split(":")[0]));
            for (const field of [...FLOWGEN_HTTP_FIELDS, "wires"]) {
                expect(lost.has(field), `rt_call.${field} survived without the palette; differences: ${found.join("; ")}`);
            }
            console.log(`  # the comparison reports, as it must:\n  #   ${found.join("\n  #   ")}`);
        });
        await noPageErrors(pageErrors);
        return;
    }

    await check("every node is valid", async () => {
        for (const node of fixture.filter((n) => n.type !== "tab")) {
            const state = await nodeState(node.id);
            expect(state.valid, `${node.id} is invalid: ${state.validationErrors.join("; ")}`);
        }
    });

    await check("the editor's export holds every field and wire unchanged", async () => {
        expectSame(fixture, await exportNodes(), "the export");
    });

    await check("deploy, and the runtime's flows (GET /flows) hold every field and wire unchanged", async () => {
        await deploy();
        expectSame(fixture, (await adminGet("flows")).flows, "GET /flows");
    });

    await check("in Node-RED the csharp node reports an error for catch nodes, and its status says why", async () => {
        let response;
        for (let attempt = 0; attempt < 20; attempt++) {
            response = await fetch(base + "price?qty=2");
            if (response.status !== 404) break;
            await new Promise((resolve) => setTimeout(resolve, 250));
        }
        const body = await response.text();
        expect(response.status === 500 && body.includes("calls MyApp.Orders.Price only in a service FlowGen compiled"),
            `GET /price: ${response.status} ${body}`);
        await page.waitForFunction(() => (RED.nodes.node("rt_price").status || {}).text === "runs only in FlowGen");
    });

    await check("the FlowGen tab sets retries, interval, fail branch, body kind and API key on a plain http request", async () => {
        await editNode("rt_plain", async () => {
            await flowgenTab();
            await page.locator("#flowgen-http-retries").fill("2");
            await page.locator("#flowgen-http-retryInterval").fill("100");
            await page.locator("#flowgen-http-failBranch").check();
            await page.locator("#flowgen-http-bodyKind").selectOption("form-urlencoded");
            await page.locator("#flowgen-http-apiKeyIn").selectOption("query");
            const placeholder = await page.locator("#flowgen-http-apiKeyName").getAttribute("placeholder");
            expect(placeholder === "api_key", `API key name placeholder: ${placeholder}`);
        });
        const expected = {
            ...fixtureNode("rt_plain"),
            retries: 2, retryInterval: 100, failBranch: true, bodyKind: "form-urlencoded", apiKeyIn: "query", outputs: 2,
            wires: [["rt_plain_ok"], []],
        };
        expectSame([expected], await exportNodes(), "the edited node");
        const state = await nodeState("rt_plain");
        expect(state.valid, `rt_plain is invalid: ${state.validationErrors.join("; ")}`);
        const label = await page.evaluate(() => RED.nodes.getType("http request").outputLabels.call(RED.nodes.node("rt_plain"), 1));
        expect(label === "error (FlowGen fail branch)", `second output label: ${label}`);
    });

    await check("turning the fail branch off drops the second output and its wires; undo restores them", async () => {
        await editNode("rt_call", async () => {
            await flowgenTab();
            await page.locator("#flowgen-http-failBranch").uncheck();
        });
        const expected = { ...fixtureNode("rt_call"), failBranch: false, outputs: 1, wires: [["rt_ok"]] };
        expectSame([expected], await exportNodes(), "rt_call without the fail branch");
        await page.evaluate(() => RED.actions.invoke("core:undo"));
        expectSame([fixtureNode("rt_call")], await exportNodes(), "rt_call after undo");
    });

    await check("an out-of-range retry count is marked in the dialog and makes the node invalid", async () => {
        await editNode("rt_call", async () => {
            await flowgenTab();
            await page.locator("#flowgen-http-retries").fill("11");
            const marked = await page.locator("#flowgen-http-retries").evaluate((e) => e.classList.contains("input-error"));
            expect(marked, "the retries input is not marked");
        });
        const state = await nodeState("rt_call");
        expect(!state.valid && state.validationErrors.some((e) => e.includes("retries")), `rt_call: ${JSON.stringify(state)}`);
        await page.evaluate(() => RED.actions.invoke("core:undo"));
        expect((await nodeState("rt_call")).valid, "rt_call is still invalid after undo");
    });

    await check("a fail branch without \"outputs\": 2 is marked invalid (the editor keeps one output)", async () => {
        await page.evaluate(() => RED.view.importNodes([
            {
                id: "rt_no_outputs", type: "http request", z: "rt_tab", name: "", method: "GET", url: "http://127.0.0.1:1/", failBranch: true,
                x: 450, y: 340, wires: [["rt_no_outputs_ok"], ["rt_no_outputs_failed"]],
            },
            { id: "rt_no_outputs_ok", type: "http response", z: "rt_tab", x: 630, y: 320, wires: [] },
            { id: "rt_no_outputs_failed", type: "http response", z: "rt_tab", x: 630, y: 360, wires: [] },
        ], { generateIds: false, addFlow: false }));
        const state = await nodeState("rt_no_outputs");
        expect(!state.valid && state.validationErrors.some((e) => e.includes("two outputs")), `rt_no_outputs: ${JSON.stringify(state)}`);
        const wires = (await exportNodes()).find((n) => n.id === "rt_no_outputs").wires;
        expect(isDeepStrictEqual(wires, [["rt_no_outputs_ok"]]), `rt_no_outputs wires: ${JSON.stringify(wires)}`);
        await page.evaluate(() => RED.actions.invoke("core:undo"));
        expect(await page.evaluate(() => !RED.nodes.node("rt_no_outputs")), "undo did not remove the imported node");
    });

    await check("the csharp dialog edits the method and the argument list", async () => {
        await editNode("rt_price", async () => {
            await page.locator("#node-input-method").fill("MyApp.Orders.Discount");
            const rows = page.locator("#node-input-arguments-container > li");
            await rows.nth(1).locator(".red-ui-editableList-item-remove").click();
            // The list fades a removed row out before it leaves the DOM.
            await page.waitForFunction(() => $("#node-input-arguments-container > li").length === 1);
            await page.locator(".node-input-arguments-container-row .red-ui-editableList-addButton").click();
            await rows.nth(1).locator("input.flowgen-csharp-parameter").fill("coupon");
            // The typedInput hides the input it was made from and shows its own.
            await rows.nth(1).locator(".red-ui-typedInput-container input:visible").fill("req.query.coupon");
        });
        const expected = {
            ...fixtureNode("rt_price"),
            method: "MyApp.Orders.Discount",
            arguments: { amount: "payload.amount", coupon: "req.query.coupon" },
        };
        expectSame([expected], await exportNodes(), "the edited csharp node");
    });

    await check("a csharp node written with its method only gains just \"property\": \"payload\" from Done", async () => {
        const written = { id: "rt_min", type: "csharp", z: "rt_tab", method: "MyApp.Orders.Total", wires: [[]] };
        await page.evaluate((node) => RED.view.importNodes([{ ...node, x: 280, y: 340 }], { generateIds: false, addFlow: false }), written);
        await editNode("rt_min");
        // Imported onto the open tab, the node is placed where the pointer is: its position is not compared.
        const exported = (await exportNodes()).map(({ x, y, ...rest }) => rest);
        expectSame([{ ...written, name: "", property: "payload" }], exported, "rt_min");
        await page.evaluate(() => { RED.actions.invoke("core:undo"); RED.actions.invoke("core:undo"); });
        expect(await page.evaluate(() => !RED.nodes.node("rt_min")), "undo did not remove the imported node");
    });

    await check("a method without its type makes the csharp node invalid", async () => {
        await editNode("rt_price", () => page.locator("#node-input-method").fill("Discount"));
        const state = await nodeState("rt_price");
        expect(!state.valid && state.validationErrors.some((e) => e.includes("Namespace.Type.Method")), `rt_price: ${JSON.stringify(state)}`);
        await page.evaluate(() => RED.actions.invoke("core:undo"));
        expect((await nodeState("rt_price")).valid, "rt_price is still invalid after undo");
    });

    await check("the help sidebar describes the csharp node and http request's FlowGen fields", async () => {
        const help = await page.evaluate(() => [RED.nodes.getNodeHelp("csharp"), RED.nodes.getNodeHelp("http request")]);
        expect(help[0].includes("Calls a C# method") && help[0].includes("cannot run C#"), "csharp help");
        expect(help[1].includes("flowgen-http-request-help") && help[1].includes("retryInterval"), "http request help");
    });

    await check("the edits deploy: the runtime's flows equal the editor's export", async () => {
        await deploy();
        const ids = fixture.map((n) => n.id);
        const exported = (await exportNodes()).filter((n) => ids.includes(n.id));
        expectSame(exported, (await adminGet("flows")).flows, "GET /flows");
    });

    await check("a reloaded editor opens the deployed flows unchanged", async () => {
        const deployed = (await adminGet("flows")).flows.filter((n) => fixture.some((f) => f.id === n.id));
        await openEditor();
        expectSame(deployed, await exportNodes(), "the reloaded editor's export");
    });

    for (const file of repositoryFlowsWithFlowGenFields()) {
        await check(`${file} opens and exports unchanged`, async () => {
            const json = JSON.parse(fs.readFileSync(path.join(repositoryRoot, file), "utf8"));
            const nodes = Array.isArray(json) ? json : json.flows;
            await openEditor();
            await page.evaluate((flow) => RED.view.importNodes(flow, { generateIds: false, addFlow: false }), nodes);
            expectSame(nodes, await exportNodes(), file);
        });
    }

    await noPageErrors(pageErrors);
}

/** The repository's flow files (sample app, tests) that use the csharp node or http request's FlowGen fields. */
function repositoryFlowsWithFlowGenFields() {
    const usesFlowGen = /"type"\s*:\s*"csharp"|"(retries|retryInterval|failBranch|bodyKind|apiKeyIn|apiKeyName)"\s*:/;
    const found = [];
    const walk = (folder) => {
        for (const entry of fs.readdirSync(path.join(repositoryRoot, folder), { withFileTypes: true })) {
            const relative = path.join(folder, entry.name);
            if (entry.isDirectory() && !entry.name.startsWith(".") && !["bin", "obj", "node_modules", "editor"].includes(entry.name)) {
                walk(relative);
            } else if (entry.isFile() && entry.name.endsWith(".flow.json") && usesFlowGen.test(fs.readFileSync(path.join(repositoryRoot, relative), "utf8"))) {
                found.push(relative);
            }
        }
    };
    walk("");
    return found.sort();
}

function noPageErrors(pageErrors) {
    return check("no script errors in the editor", () => {
        expect(pageErrors.length === 0, `page errors: ${pageErrors.join("; ")}`);
    });
}

main().then(
    () => process.exit(failed === 0 ? 0 : 1),
    (error) => {
        if (failed === 0) console.log(`not ok - ${String(error && error.stack || error)}`);
        process.exit(1);
    });
