// The runtime half of the editor plugin that adds FlowGen's fields to the core http request node: the runtime has
// nothing to do (Node-RED's http request ignores the fields), it only serves flowgen-http-request.html to the editor.
module.exports = function (RED) {
    RED.plugins.registerPlugin("flowgen-http-request", {});
};
