// The csharp node at run time in Node-RED: it exists so that flows using it load, deploy and export without loss.
// Only a service FlowGen compiled the flow into can call C#, so here every message is reported as an error.
module.exports = function (RED) {
    function CSharpNode(config) {
        RED.nodes.createNode(this, config);
        const method = typeof config.method === "string" && config.method.length > 0 ? config.method : "(no method)";
        this.status({ fill: "grey", shape: "ring", text: "runs only in FlowGen" });
        this.on("input", function (msg, send, done) {
            done(new Error("the csharp node calls " + method + " only in a service FlowGen compiled this flow into; Node-RED cannot run it"));
        });
    }
    RED.nodes.registerType("csharp", CSharpNode);
};
