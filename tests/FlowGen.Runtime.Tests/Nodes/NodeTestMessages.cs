using FlowGen.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGen.Runtime.Tests.Nodes;

/// <summary>Messages and paths for the change and switch runtime tests.</summary>
internal static class NodeTestMessages
{
    private static readonly FlowHost Host = new(new ServiceCollection().BuildServiceProvider());

    public static readonly FlowNodeInfo Node = new("n1", "change", "", "t.flow.json", 1, 1);

    public static FlowMessage Message(string json)
    {
        var msg = new FlowMessage(new FlowExchange(new DefaultHttpContext(), Host));
        foreach (var (key, value) in ((JsObject)JsJson.Parse(json)!).Entries) msg[key] = value;
        return msg;
    }

    public static JsPath Path(string text) => JsPath.ForMessage(text);

    public static string Json(JsObject msg) => JsJson.Stringify(msg)!;
}
