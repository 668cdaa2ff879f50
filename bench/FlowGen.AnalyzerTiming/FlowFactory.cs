using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGen.AnalyzerTiming;

/// <summary>
/// Makes valid flow files of 10-30 nodes from a few shapes real APIs use: a switch choosing a template and a response,
/// chains of change nodes, and fan-out with debug taps beside the response. Routes and ids are unique per file.
/// </summary>
internal sealed class FlowFactory
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Random _random;
    private JsonArray _nodes = new();
    private string _prefix = "";
    private string _tab = "";
    private int _next;

    public FlowFactory(int seed) => _random = new Random(seed);

    public int NodeCount { get; private set; }

    /// <summary>The text of flow file number <paramref name="index"/>.</summary>
    public string Make(int index)
    {
        _nodes = new JsonArray();
        _prefix = "f" + index.ToString(CultureInfo.InvariantCulture);
        _next = 0;
        _tab = Id("tab");
        _nodes.Add(new JsonObject { ["id"] = _tab, ["type"] = "tab", ["label"] = $"Flow {index}", ["disabled"] = false, ["info"] = "" });
        var target = _random.Next(10, 31);
        var count = 0;
        var group = 0;
        while (count < target)
        {
            var room = target - count;
            var url = $"/bench/{_prefix}/r{group++}";
            count += (room < 7 ? 0 : _random.Next(3)) switch
            {
                0 => ChangeChain(url, Math.Max(1, Math.Min(room - 2, _random.Next(1, 7)))),
                1 => SwitchTemplates(url, Math.Min(4, (room - 2) / 2)),
                _ => FanOutWithTaps(url),
            };
        }
        NodeCount += count;
        return _nodes.ToJsonString(Indented);
    }

    private string Id(string kind) => $"{_prefix}-{kind}-{(++_next).ToString(CultureInfo.InvariantCulture)}";

    private JsonObject Node(string kind, string type, params string[][] wires)
    {
        var node = new JsonObject
        {
            ["id"] = Id(kind),
            ["type"] = type,
            ["z"] = _tab,
            ["name"] = "",
            ["x"] = 100 + 150 * (_next % 6),
            ["y"] = 40 * _next,
            ["wires"] = new JsonArray(wires.Select(w => (JsonNode)new JsonArray(w.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray())).ToArray()),
        };
        _nodes.Add(node);
        return node;
    }

    private static string IdOf(JsonObject node) => node["id"]!.GetValue<string>();

    private string HttpIn(string url, string method, string next)
    {
        var node = Node("in", "http in", new[] { next });
        node["url"] = url;
        node["method"] = method;
        node["upload"] = false;
        node["swaggerDoc"] = "";
        return IdOf(node);
    }

    private string Response(string status)
    {
        var node = Node("out", "http response");
        node["statusCode"] = status;
        node["headers"] = new JsonObject { ["X-Bench"] = "1" };
        return IdOf(node);
    }

    private string Change(JsonArray rules, params string[] next)
    {
        var node = Node("change", "change", next);
        node["rules"] = rules;
        node["action"] = "";
        node["property"] = "";
        node["from"] = "";
        node["to"] = "";
        node["reg"] = false;
        return IdOf(node);
    }

    private static JsonObject Set(string property, string to, string type) =>
        new() { ["t"] = "set", ["p"] = property, ["pt"] = "msg", ["to"] = to, ["tot"] = type };

    private string Template(string template, params string[] next)
    {
        var node = Node("template", "template", next);
        node["field"] = "payload";
        node["fieldType"] = "msg";
        node["format"] = "handlebars";
        node["syntax"] = "mustache";
        node["template"] = template;
        node["output"] = "str";
        return IdOf(node);
    }

    private string Debug()
    {
        var node = Node("debug", "debug");
        node["active"] = true;
        node["tosidebar"] = true;
        node["console"] = false;
        node["tostatus"] = false;
        node["complete"] = "payload";
        node["targetType"] = "msg";
        return IdOf(node);
    }

    /// <summary>http in, a chain of change nodes, a response: 2 + length nodes.</summary>
    private int ChangeChain(string url, int length)
    {
        var next = Response(_random.Next(2) == 0 ? "" : "201");
        for (var i = length - 1; i >= 0; i--)
        {
            var rules = (i % 3) switch
            {
                0 => new JsonArray(Set("payload", "{\"id\": " + i.ToString(CultureInfo.InvariantCulture) + ", \"tags\": [\"a\", \"b\"], \"ok\": true}", "json"), Set("headers", "{\"Cache-Control\": \"no-store\"}", "json")),
                1 => new JsonArray(Set("payload.step", "req.query.step", "msg"), new JsonObject { ["t"] = "delete", ["p"] = "payload.tags", ["pt"] = "msg" }),
                _ => new JsonArray(new JsonObject { ["t"] = "change", ["p"] = "payload.name", ["pt"] = "msg", ["from"] = "^(\\w+)-(\\d+)$", ["fromt"] = "re", ["to"] = "$2-$1", ["tot"] = "str" }),
            };
            next = Change(rules, next);
        }
        HttpIn(url, _random.Next(2) == 0 ? "get" : "post", next);
        return length + 2;
    }

    /// <summary>http in, a switch with rules and an otherwise, a template and a response per output: 2 + 2 * outputs nodes.</summary>
    private int SwitchTemplates(string url, int outputs)
    {
        outputs = Math.Max(2, outputs);
        var ports = new List<string[]>();
        var rules = new JsonArray();
        for (var i = 0; i < outputs; i++)
        {
            var response = Response(i == outputs - 1 ? "404" : "");
            ports.Add(new[] { Template(i == outputs - 1 ? "<p>no {{req.query.kind}}</p>" : "<ul>{{#payload.items}}<li>{{name}}</li>{{/payload.items}}</ul><p>{{req.query.kind}}</p>", response) });
            rules.Add(i == outputs - 1 ? new JsonObject { ["t"] = "else" }
                : i % 2 == 0 ? new JsonObject { ["t"] = "eq", ["v"] = "k" + i.ToString(CultureInfo.InvariantCulture), ["vt"] = "str" }
                : new JsonObject { ["t"] = "regex", ["v"] = "^r" + i.ToString(CultureInfo.InvariantCulture) + "\\d+$", ["vt"] = "str", ["case"] = false });
        }
        var switchNode = Node("switch", "switch", ports.ToArray());
        switchNode["property"] = "req.query.kind";
        switchNode["propertyType"] = "msg";
        switchNode["rules"] = rules;
        switchNode["checkall"] = "false";
        switchNode["repair"] = false;
        switchNode["outputs"] = outputs;
        HttpIn(url, "get", IdOf(switchNode));
        return 2 + 2 * outputs;
    }

    /// <summary>http in, a change node fanning out to a debug tap and a template, which fans out to a tap and the response: 7 nodes.</summary>
    private int FanOutWithTaps(string url)
    {
        var response = Response("");
        var template = Template("{\"user\": \"{{payload.user}}\", \"at\": \"{{payload.at}}\"}", response, Debug());
        var change = Change(new JsonArray(Set("payload", "{\"user\": \"ann\"}", "json"), Set("payload.at", "iso", "date")), template, Debug());
        HttpIn(url, "get", change);
        return 7;
    }
}
