using System.Collections.Generic;

namespace FlowGen.Compiler.Binding;

/// <summary>What FlowGen knows about Node-RED node types.</summary>
public static class NodeTypes
{
    public const string Tab = "tab";
    public const string Group = "group";
    public const string Subflow = "subflow";
    public const string Comment = "comment";
    public const string Junction = "junction";
    public const string HttpIn = "http in";
    public const string HttpResponse = "http response";
    public const string Function = "function";

    /// <summary>Node-RED core types FlowGen recognises but does not compile yet, with what to do instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotYetSupported = new Dictionary<string, string>
    {
        ["inject"] = "inject nodes start flows without a request; FlowGen compiles HTTP flows",
        ["delay"] = "delay nodes are not supported",
        ["trigger"] = "trigger nodes are not supported",
        ["exec"] = "exec nodes are not supported",
        ["range"] = "range nodes are not supported",
        ["rbe"] = "filter nodes are not supported",
        ["filter"] = "filter nodes are not supported",
        ["split"] = "split nodes are not supported",
        ["join"] = "join nodes are not supported",
        ["sort"] = "sort nodes are not supported",
        ["batch"] = "batch nodes are not supported",
        ["csv"] = "csv nodes are not supported",
        ["html"] = "html nodes are not supported",
        ["xml"] = "xml nodes are not supported",
        ["yaml"] = "yaml nodes are not supported",
        ["file"] = "file write nodes are not supported",
        ["watch"] = "watch nodes are not supported",
        ["websocket in"] = "websocket nodes are not supported",
        ["websocket out"] = "websocket nodes are not supported",
        ["tcp in"] = "tcp nodes are not supported",
        ["tcp out"] = "tcp nodes are not supported",
        ["tcp request"] = "tcp nodes are not supported",
        ["udp in"] = "udp nodes are not supported",
        ["udp out"] = "udp nodes are not supported",
        ["mqtt in"] = "mqtt nodes are not supported",
        ["mqtt out"] = "mqtt nodes are not supported",
        ["unknown"] = "the node is a placeholder for a type Node-RED did not know",
    };

    /// <summary>"subflow:&lt;id&gt;" is an instance of the subflow definition &lt;id&gt;: the id, else null.</summary>
    public static string? SubflowDefinitionId(string type) =>
        type.StartsWith(SubflowInstancePrefix, System.StringComparison.Ordinal) ? type.Substring(SubflowInstancePrefix.Length) : null;

    public const string SubflowInstancePrefix = "subflow:";


    /// <summary>
    /// Node types whose messages do not come from an http in through wires: they start paths of their own (a catch
    /// with an error, a link in from a link out or call, a status or complete report, an inject).
    /// </summary>
    public static readonly ISet<string> PathStarters = new HashSet<string> { "catch", "link in", "status", "complete", "inject" };

    /// <summary>Configuration node types FlowGen reads nothing from (TLS, proxies, brokers): never an error.</summary>
    public static readonly ISet<string> IgnoredConfigTypes = new HashSet<string>
    {
        "tls-config", "http proxy", "mqtt-broker", "websocket-listener", "websocket-client", "global-config",
    };
}
