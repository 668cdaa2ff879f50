using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FlowGen.Mutations;

/// <summary>A class of mistakes: its name, the IDs it expects, and how to make mutants of one flow file.</summary>
internal sealed record MutationClass(string Name, string Expects, System.Func<FlowSet, SourceFlow, IEnumerable<Mutant>> Generate);

/// <summary>
/// The mutation classes of issue 3, point 6. Every mutant is derived from the flow's own structure (its http in and
/// response nodes, wires, rules, templates), and its expected diagnostics are computed from the mutated graph.
/// </summary>
internal static partial class Mutators
{
    public const string SecondFileName = "zzz-mutant-second.flow.json";

    public static readonly IReadOnlyList<MutationClass> All = new MutationClass[]
    {
        new("remove wire into response", "FLOW104/108", RemoveResponseWire),
        new("second response (copy)", "FLOW106", SecondResponse),
        new("response status 99/1000/150", "FLOW209", InvalidStatus),
        new("unknown node type", "FLOW201", UnknownType),
        new("function node", "FLOW203", FunctionNode),
        new("http in method uppercase", "FLOW206", UppercaseMethod),
        new("http in url dropped", "FLOW206", DropUrl),
        new("wire to unknown id", "FLOW101", UnknownWire),
        new("broken regex", "FLOW207", BrokenRegex),
        new("broken mustache", "FLOW208", BrokenTemplate),
        new("typed input -> flow", "FLOW204", FlowContextInput),
        new("loop with no exit", "FLOW109", LoopInsteadOfResponse),
        new("loop beside a response", "FLOW109", LoopBesideResponse),
        new("wire across tabs", "FLOW110", WireAcrossTabs),
        new("duplicate route (2nd file)", "FLOW103", DuplicateRoute),
        new("duplicate node id (2nd file)", "FLOW102", DuplicateId),
        new("header name invalid", "FLOW211", HeaderName),
        new("header value with CR/LF", "FLOW212", HeaderValue),
        new("cookie sameSite invalid", "FLOW213", CookieSameSite),
        new("boolean payload to response", "FLOW214", BooleanPayload),
        new("body on 204", "FLOW210", BodyOn204),
    };

    private static Mutant Make(string className, FlowSet set, SourceFlow file, string description, Flow mutated, IEnumerable<Expectation> expected, (string Path, Flow Flow)? added = null)
    {
        var files = new Dictionary<string, Flow> { [file.Path] = mutated };
        if (added is { } extra) files[extra.Path] = extra.Flow;
        return new Mutant(className, set.Name, $"{System.IO.Path.GetFileName(file.Path)}: {description}", files, expected.Distinct().ToList());
    }

    private static IEnumerable<JsonObject> Responses(Flow flow) => flow.OfType("http response");

    private static IEnumerable<JsonObject> HttpIns(Flow flow) => flow.OfType("http in");

    /// <summary>The wires into a response from nodes some request reaches.</summary>
    private static IEnumerable<(JsonObject Response, JsonObject Source, int Port, int Index)> ReachedWiresIntoResponses(Flow flow) =>
        Responses(flow).SelectMany(r => flow.WiresInto(Flow.Id(r))
            .Where(w => flow.HttpInsReaching(Flow.Id(w.Source)).Count > 0)
            .Select(w => (r, w.Source, w.Port, w.Index)));

    private static IEnumerable<Mutant> RemoveResponseWire(FlowSet set, SourceFlow file)
    {
        const string name = "remove wire into response";
        var flow = file.Flow!;
        foreach (var (response, source, port, index) in ReachedWiresIntoResponses(flow))
        {
            var ports = Flow.Wires(source);
            // Only where the message's path certainly ends at the source once the wire is gone.
            if (Flow.Type(source) == "switch" ? !Flow.IsExclusiveSwitch(source) || ports[port].Count != 1 : ports.Sum(p => p.Count) != 1) continue;
            var ins = flow.HttpInsReaching(Flow.Id(source));
            if (ins.Any(h => !flow.UnambiguousReach(Flow.Id(h)).Contains(Flow.Id(source)))) continue;

            var mutated = flow.Clone();
            var s = mutated.Get(Flow.Id(source))!;
            var wires = Flow.Wires(s);
            wires[port].RemoveAt(index);
            s["wires"] = Flow.WireArray(wires);
            var expected = ins.Select(h => mutated.ReachesResponse(Flow.Id(h))
                ? Expectation.AtNode("FLOW104", file.Path, s)
                : Expectation.AtNode("FLOW108", file.Path, mutated.Get(Flow.Id(h))!));
            yield return Make(name, set, file, $"{Flow.Id(source)} -/-> {Flow.Id(response)}", mutated, expected);
        }
    }

    private static IEnumerable<Mutant> SecondResponse(FlowSet set, SourceFlow file)
    {
        var flow = file.Flow!;
        foreach (var (response, source, port, _) in ReachedWiresIntoResponses(flow))
        {
            var mutated = flow.Clone();
            var copy = (JsonObject)mutated.Get(Flow.Id(response))!.DeepClone();
            copy["id"] = mutated.NewId("response");
            copy["y"] = 2000;
            mutated.Add(copy);
            var s = mutated.Get(Flow.Id(source))!;
            var wires = Flow.Wires(s);
            wires[port].Add(Flow.Id(copy));
            s["wires"] = Flow.WireArray(wires);
            yield return Make("second response (copy)", set, file, $"{Flow.Id(source)} -> {Flow.Id(response)} + copy", mutated,
                new[] { Expectation.AtNode("FLOW106", file.Path, s) });
        }
    }

    private static IEnumerable<Mutant> InvalidStatus(FlowSet set, SourceFlow file)
    {
        foreach (var response in Responses(file.Flow!))
        {
            foreach (var status in new[] { "99", "1000", "150" })
            {
                var mutated = file.Flow!.Clone();
                var r = mutated.Get(Flow.Id(response))!;
                r["statusCode"] = status;
                yield return Make("response status 99/1000/150", set, file, $"{Flow.Id(response)} statusCode {status}", mutated,
                    new[] { Expectation.AtValue("FLOW209", file.Path, r, "statusCode") });
            }
        }
    }

    private static IEnumerable<Mutant> UnknownType(FlowSet set, SourceFlow file)
    {
        foreach (var httpIn in HttpIns(file.Flow!))
        {
            var ports = Flow.Wires(httpIn);
            if (ports.Count == 0 || ports[0].Count == 0) continue;
            var mutated = file.Flow!.Clone();
            var h = mutated.Get(Flow.Id(httpIn))!;
            var unknown = mutated.NewNode(mutated.NewId("unknown"), "fuction", Flow.Text(h["z"]), new[] { ports[0][0] });
            mutated.Add(unknown);
            ports[0][0] = Flow.Id(unknown);
            h["wires"] = Flow.WireArray(ports);
            yield return Make("unknown node type", set, file, $"'fuction' node after {Flow.Id(httpIn)}", mutated,
                new[] { Expectation.AtValue("FLOW201", file.Path, unknown, "type") });
        }
    }

    private static IEnumerable<Mutant> FunctionNode(FlowSet set, SourceFlow file)
    {
        foreach (var node in file.Flow!.FlowNodes.Where(n => Flow.Type(n) is "change" or "switch" or "template" or "json"))
        {
            var mutated = file.Flow!.Clone();
            var n = mutated.Get(Flow.Id(node))!;
            n["type"] = "function";
            n["func"] = "return msg;";
            n["outputs"] = Flow.Wires(n).Count;
            yield return Make("function node", set, file, $"{Flow.Id(node)} ({Flow.Type(node)}) -> function", mutated,
                new[] { Expectation.AtValue("FLOW203", file.Path, n, "type") });
        }
    }

    private static IEnumerable<Mutant> UppercaseMethod(FlowSet set, SourceFlow file)
    {
        foreach (var httpIn in HttpIns(file.Flow!))
        {
            var method = Flow.Text(httpIn["method"]);
            if (method is null || method.ToUpperInvariant() == method) continue;
            var mutated = file.Flow!.Clone();
            var h = mutated.Get(Flow.Id(httpIn))!;
            h["method"] = method.ToUpperInvariant();
            yield return Make("http in method uppercase", set, file, $"{Flow.Id(httpIn)} method {method.ToUpperInvariant()}", mutated,
                new[] { Expectation.AtValue("FLOW206", file.Path, h, "method") });
        }
    }

    private static IEnumerable<Mutant> DropUrl(FlowSet set, SourceFlow file)
    {
        foreach (var httpIn in HttpIns(file.Flow!))
        {
            var mutated = file.Flow!.Clone();
            var h = mutated.Get(Flow.Id(httpIn))!;
            h.Remove("url");
            yield return Make("http in url dropped", set, file, $"{Flow.Id(httpIn)} without url", mutated,
                new[] { Expectation.AtNode("FLOW206", file.Path, h) });
        }
    }

    private static IEnumerable<Mutant> UnknownWire(FlowSet set, SourceFlow file)
    {
        foreach (var node in file.Flow!.FlowNodes)
        {
            var ports = Flow.Wires(node);
            if (ports.Count == 0) continue;
            var mutated = file.Flow!.Clone();
            var n = mutated.Get(Flow.Id(node))!;
            ports[0].Add("mutant-missing");
            n["wires"] = Flow.WireArray(ports);
            yield return Make("wire to unknown id", set, file, $"{Flow.Id(node)} -> mutant-missing", mutated,
                new[] { Expectation.AtValue("FLOW101", file.Path, n, "wires", 0, ports[0].Count - 1) });
        }
    }

    private static IEnumerable<Mutant> BrokenRegex(FlowSet set, SourceFlow file)
    {
        foreach (var node in file.Flow!.FlowNodes.Where(n => Flow.Type(n) is "switch" or "change"))
        {
            if (node["rules"] is not JsonArray rules) continue;
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i] is not JsonObject rule) continue;
                // A switch regex rule's pattern is its value; a change rule searches "from" when its type is re.
                var field = Flow.Type(node) == "switch"
                    ? (Flow.Text(rule["t"]) == "regex" ? "v" : null)
                    : (Flow.Text(rule["t"]) == "change" && Flow.Text(rule["fromt"]) == "re" ? "from" : null);
                if (field is null || Flow.Text(rule[field]) is not { } pattern) continue;
                var mutated = file.Flow!.Clone();
                var n = mutated.Get(Flow.Id(node))!;
                // An unmatched ')' is a syntax error in every JavaScript regex, at the position where it is added.
                ((JsonObject)((JsonArray)n["rules"]!)[i]!)[field] = pattern + ")";
                yield return Make("broken regex", set, file, $"{Flow.Id(node)} rule {i + 1} /{pattern})/", mutated,
                    new[] { new Expectation("FLOW207", file.Path, Flow.Id(n), Anchor.Character, new object[] { "rules", i, field }, pattern.Length) });
            }
        }
    }

    private static IEnumerable<Mutant> BrokenTemplate(FlowSet set, SourceFlow file)
    {
        foreach (var node in file.Flow!.OfType("template"))
        {
            var syntax = Flow.Text(node["syntax"]) ?? "mustache";
            if (syntax != "mustache" || Flow.Text(node["template"]) is not { } template || template.Contains("{{=", System.StringComparison.Ordinal)) continue;
            var mutated = file.Flow!.Clone();
            var n = mutated.Get(Flow.Id(node))!;
            // A closing tag with no section open: mustache.js reports it at the tag.
            n["template"] = template + "{{/mutant}}";
            yield return Make("broken mustache", set, file, $"{Flow.Id(node)} + {{{{/mutant}}}}", mutated,
                new[] { new Expectation("FLOW208", file.Path, Flow.Id(n), Anchor.Character, new object[] { "template" }, template.Length) });
        }
    }

    private static readonly HashSet<string> ComparingSwitchRules = new() { "eq", "neq", "lt", "lte", "gt", "gte", "cont" };

    private static IEnumerable<Mutant> FlowContextInput(FlowSet set, SourceFlow file)
    {
        foreach (var node in file.Flow!.FlowNodes.Where(n => Flow.Type(n) is "switch" or "change"))
        {
            if (node["rules"] is not JsonArray rules) continue;
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i] is not JsonObject rule) continue;
                var field = Flow.Type(node) == "change"
                    ? (Flow.Text(rule["t"]) == "set" && rule["tot"] is not null ? "tot" : null)
                    : (ComparingSwitchRules.Contains(Flow.Text(rule["t"]) ?? "") && rule["vt"] is not null ? "vt" : null);
                if (field is null) continue;
                var mutated = file.Flow!.Clone();
                var n = mutated.Get(Flow.Id(node))!;
                ((JsonObject)((JsonArray)n["rules"]!)[i]!)[field] = "flow";
                yield return Make("typed input -> flow", set, file, $"{Flow.Id(node)} rule {i + 1} {field} flow", mutated,
                    new[] { Expectation.AtValue("FLOW204", file.Path, n, "rules", i, field) });
            }
        }
    }

    /// <summary>Two new change nodes wired into each other: a cycle nothing leaves.</summary>
    private static JsonObject AddCycle(Flow mutated, string? z)
    {
        var first = mutated.NewId("loop");
        var second = mutated.NewId("loop");
        var a = mutated.NewChange(first, z, "mutantLoop", "a", "str", new[] { second });
        var b = mutated.NewChange(second, z, "mutantLoop", "b", "str", new[] { first });
        mutated.Add(a);
        mutated.Add(b);
        return a;
    }

    private static IEnumerable<Mutant> LoopInsteadOfResponse(FlowSet set, SourceFlow file) => Loops(set, file, replace: true);

    private static IEnumerable<Mutant> LoopBesideResponse(FlowSet set, SourceFlow file) => Loops(set, file, replace: false);

    private static IEnumerable<Mutant> Loops(FlowSet set, SourceFlow file, bool replace)
    {
        foreach (var response in Responses(file.Flow!))
        {
            var wire = ReachedWiresIntoResponses(file.Flow!).FirstOrDefault(w => w.Response == response);
            if (wire.Source is null) continue;
            var mutated = file.Flow!.Clone();
            var s = mutated.Get(Flow.Id(wire.Source))!;
            var loop = AddCycle(mutated, Flow.Text(s["z"]));
            var ports = Flow.Wires(s);
            if (replace) ports[wire.Port][wire.Index] = Flow.Id(loop);
            else ports[wire.Port].Add(Flow.Id(loop));
            s["wires"] = Flow.WireArray(ports);
            yield return Make(replace ? "loop with no exit" : "loop beside a response", set, file,
                $"{Flow.Id(wire.Source)} -> cycle {(replace ? "instead of" : "beside")} {Flow.Id(response)}", mutated,
                new[] { Expectation.AtNode("FLOW109", file.Path, loop) });
        }
    }

    private static IEnumerable<Mutant> WireAcrossTabs(FlowSet set, SourceFlow file)
    {
        foreach (var response in Responses(file.Flow!))
        {
            var into = file.Flow!.WiresInto(Flow.Id(response)).ToList();
            if (into.Count == 0) continue;
            var mutated = file.Flow!.Clone();
            var tab = new JsonObject { ["id"] = mutated.NewId("tab"), ["type"] = "tab", ["label"] = "Mutant tab", ["disabled"] = false, ["info"] = "" };
            mutated.Add(tab);
            var r = mutated.Get(Flow.Id(response))!;
            r["z"] = Flow.Id(tab);
            r.Remove("g");
            yield return Make("wire across tabs", set, file, $"{Flow.Id(response)} moved to another tab", mutated,
                into.Select(w => Expectation.AtValue("FLOW110", file.Path, mutated.Get(Flow.Id(w.Source))!, "wires", w.Port, w.Index)));
        }
    }

    /// <summary>A second flow file beside the mutated one: a tab, an http in and a response.</summary>
    private static (string Path, Flow Flow, JsonObject HttpIn, JsonObject Response) SecondFile(SourceFlow file, string method, string url, string? responseId)
    {
        var path = System.IO.Path.GetDirectoryName(file.Path)!.Replace('\\', '/') + "/" + SecondFileName;
        var flow = new Flow(new JsonArray());
        var tab = new JsonObject { ["id"] = "mutant-second-tab", ["type"] = "tab", ["label"] = "Second file", ["disabled"] = false, ["info"] = "" };
        flow.Add(tab);
        var response = flow.NewNode(responseId ?? "mutant-second-response", "http response", "mutant-second-tab");
        response["statusCode"] = "";
        response["headers"] = new JsonObject();
        var httpIn = flow.NewNode("mutant-second-in", "http in", "mutant-second-tab", new[] { Flow.Id(response) });
        httpIn["url"] = url;
        httpIn["method"] = method;
        httpIn["upload"] = false;
        httpIn["swaggerDoc"] = "";
        flow.Add(httpIn);
        flow.Add(response);
        return (path, flow, httpIn, response);
    }

    [GeneratedRegex(":([A-Za-z0-9_]+)")]
    private static partial Regex RouteParameter();

    private static IEnumerable<Mutant> DuplicateRoute(FlowSet set, SourceFlow file)
    {
        foreach (var httpIn in HttpIns(file.Flow!))
        {
            if (Flow.Text(httpIn["method"]) is not { } method || Flow.Text(httpIn["url"]) is not { } url) continue;
            // Parameter names differ, the route does not: "/u/:id" and "/u/:idMutant" match the same requests.
            var second = SecondFile(file, method, RouteParameter().Replace(url, ":$1Mutant"), null);
            yield return Make("duplicate route (2nd file)", set, file, $"{method.ToUpperInvariant()} {url} again", file.Flow!.Clone(),
                new[] { Expectation.AtNode("FLOW103", second.Path, second.HttpIn) }, (second.Path, second.Flow));
        }
    }

    private static IEnumerable<Mutant> DuplicateId(FlowSet set, SourceFlow file)
    {
        var n = 0;
        foreach (var node in file.Flow!.Objects)
        {
            var id = Flow.Id(node);
            if (id.Length == 0 || id.StartsWith("mutant-", System.StringComparison.Ordinal)) continue;
            var second = SecondFile(file, "get", $"/mutant-unique-route-{++n}", id);
            yield return Make("duplicate node id (2nd file)", set, file, $"id {id} ({Flow.Type(node)}) again", file.Flow!.Clone(),
                new[] { Expectation.AtValue("FLOW102", second.Path, second.Response, "id") }, (second.Path, second.Flow));
        }
    }

    private static JsonObject Headers(JsonObject response)
    {
        if (response["headers"] is JsonObject headers) return headers;
        headers = new JsonObject();
        response["headers"] = headers;
        return headers;
    }

    private static IEnumerable<Mutant> HeaderName(FlowSet set, SourceFlow file)
    {
        foreach (var response in Responses(file.Flow!))
        {
            var mutated = file.Flow!.Clone();
            var r = mutated.Get(Flow.Id(response))!;
            Headers(r)["X Mutant"] = "value";
            yield return Make("header name invalid", set, file, $"{Flow.Id(response)} header 'X Mutant'", mutated,
                new[] { new Expectation("FLOW211", file.Path, Flow.Id(r), Anchor.Name, new object[] { "headers", "X Mutant" }) });
        }
    }

    private static IEnumerable<Mutant> HeaderValue(FlowSet set, SourceFlow file)
    {
        foreach (var response in Responses(file.Flow!))
        {
            var mutated = file.Flow!.Clone();
            var r = mutated.Get(Flow.Id(response))!;
            Headers(r)["X-Mutant"] = "first\r\nSet-Cookie: injected=1";
            yield return Make("header value with CR/LF", set, file, $"{Flow.Id(response)} header X-Mutant with CR/LF", mutated,
                new[] { Expectation.AtValue("FLOW212", file.Path, r, "headers", "X-Mutant") });
        }
    }

    /// <summary>A change node with one set rule put on a wire into each response some request reaches.</summary>
    private static IEnumerable<(Flow Mutated, JsonObject Change, JsonObject Response, string Source)> SetterBeforeResponses(SourceFlow file, string property, string to, string toType)
    {
        foreach (var response in Responses(file.Flow!))
        {
            var wire = ReachedWiresIntoResponses(file.Flow!).FirstOrDefault(w => w.Response == response);
            if (wire.Source is null) continue;
            var inputs = file.Flow!.WiresInto(Flow.Id(response)).Count();
            var mutated = file.Flow!.Clone();
            var s = mutated.Get(Flow.Id(wire.Source))!;
            var change = mutated.NewChange(mutated.NewId("set"), Flow.Text(s["z"]), property, to, toType, new[] { Flow.Id(response) });
            mutated.Add(change);
            var ports = Flow.Wires(s);
            ports[wire.Port][wire.Index] = Flow.Id(change);
            s["wires"] = Flow.WireArray(ports);
            // Say when other paths also reach the response: the value is then known on one path only.
            yield return (mutated, change, mutated.Get(Flow.Id(response))!, Flow.Id(wire.Source) + (inputs > 1 ? $" (1 of {inputs} wires into the response)" : ""));
        }
    }

    private static IEnumerable<Mutant> CookieSameSite(FlowSet set, SourceFlow file)
    {
        var cookies = new JsonObject { ["mutant"] = new JsonObject { ["value"] = "v", ["path"] = "/", ["sameSite"] = "sideways" } };
        var text = PositionedJson.Write(cookies, indented: false).Text;
        foreach (var (mutated, change, response, source) in SetterBeforeResponses(file, "cookies", text, "json"))
        {
            yield return Make("cookie sameSite invalid", set, file, $"{source} -> set msg.cookies (sameSite sideways) -> {Flow.Id(response)}", mutated,
                new[] { new Expectation("FLOW213", file.Path, Flow.Id(change), Anchor.Nested, new object[] { "rules", 0, "to" }, Inner: "/mutant/sameSite") });
        }
    }

    private static IEnumerable<Mutant> BooleanPayload(FlowSet set, SourceFlow file)
    {
        foreach (var (mutated, change, response, source) in SetterBeforeResponses(file, "payload", "true", "bool"))
        {
            yield return Make("boolean payload to response", set, file, $"{source} -> set msg.payload true -> {Flow.Id(response)}", mutated,
                new[] { Expectation.AtValue("FLOW214", file.Path, change, "rules", 0, "to") });
        }
    }

    private static IEnumerable<Mutant> BodyOn204(FlowSet set, SourceFlow file)
    {
        foreach (var (mutated, change, response, source) in SetterBeforeResponses(file, "payload", "mutant body", "str"))
        {
            response["statusCode"] = "204";
            yield return Make("body on 204", set, file, $"{source} -> set msg.payload 'mutant body' -> {Flow.Id(response)} (204)", mutated,
                new[] { Expectation.AtValue("FLOW210", file.Path, change, "rules", 0, "to") });
        }
    }
}
