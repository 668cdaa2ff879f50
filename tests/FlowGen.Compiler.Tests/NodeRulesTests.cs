using System.Collections.Generic;
using System.IO;
using System.Linq;
using FlowGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>The node rules over lowered flows: constant statuses, bodies, headers, cookies and payloads a response refuses.</summary>
public sealed class NodeRulesTests
{
    private static readonly string[] Ids = { "FLOW209", "FLOW210", "FLOW211", "FLOW212", "FLOW213", "FLOW214" };

    /// <summary>
    /// An http in followed by the given nodes in a chain, one per line: each is the inside of a node object without
    /// id, z, position and wires (the last one, usually the http response, gets no wires).
    /// </summary>
    private static string Chain(params string[] nodes)
    {
        var lines = new List<string>
        {
            """{"id": "t", "type": "tab", "label": "T"}""",
            """{"id": "in", "type": "http in", "z": "t", "name": "req", "url": "/t", "method": "get", "x": 1, "y": 1, "wires": [["n1"]]}""",
        };
        for (var i = 0; i < nodes.Length; i++)
        {
            var wires = i + 1 < nodes.Length ? $"[[\"n{i + 2}\"]]" : "[]";
            lines.Add($"{{\"id\": \"n{i + 1}\", \"z\": \"t\", \"x\": 1, \"y\": 1, \"wires\": {wires}, {nodes[i]}}}");
        }
        return "[\n" + string.Join(",\n", lines) + "\n]";
    }

    private static string Response(string extra = "") => $$"""
        "type": "http response", "name": "resp"{{extra}}
        """.Trim();

    private static string Change(string name, string rules) => $$"""
        "type": "change", "name": "{{name}}", "rules": {{rules}}
        """.Trim();

    private static string Set(string property, string type, string value) =>
        $$"""{"t": "set", "p": "{{property}}", "pt": "msg", "to": {{value}}, "tot": "{{type}}"}""";

    private static IReadOnlyList<DiagnosticInfo> Check(string flow)
    {
        var diagnostics = FlowFileCompiler.Check("/p/t.flow.json", SourceText.From(flow), "/p");
        Assert.DoesNotContain(diagnostics, d => d.Descriptor.Id == "FLOW900");
        return diagnostics;
    }

    /// <summary>Exactly one diagnostic of the id, starting where <paramref name="at"/> (unique in the flow) starts.</summary>
    private static DiagnosticInfo Reports(string flow, string id, string at, string text)
    {
        var diagnostics = Check(flow).Where(d => Ids.Contains(d.Descriptor.Id)).ToList();
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Descriptor.Id);
        Assert.Contains(text, diagnostic.Message);
        var offset = flow.IndexOf(at, System.StringComparison.Ordinal);
        Assert.True(offset >= 0 && flow.IndexOf(at, offset + 1, System.StringComparison.Ordinal) < 0, $"'{at}' must occur once in the flow");
        var expected = SourceText.From(flow).Lines.GetLinePosition(offset);
        Assert.Equal(expected, diagnostic.Location!.LineSpan.Start);
        return diagnostic;
    }

    private static void Silent(string flow)
    {
        var diagnostics = Check(flow);
        Assert.DoesNotContain(diagnostics, d => Ids.Contains(d.Descriptor.Id));
        Assert.DoesNotContain(diagnostics, d => d.IsError);
    }

    // ------------------------------------------------------------------ FLOW209 status codes

    [Fact]
    public void The_response_nodes_status_is_located_at_its_value()
    {
        var flow = Chain(Response(""", "statusCode": "99" """));
        var diagnostic = Reports(flow, "FLOW209", "\"99\"", "Node 'resp' sets the status 99 for http response 'resp'");
        // Line 4 of the file (the response is the first node after the http in), at the value's opening quote.
        Assert.Equal(3, diagnostic.Location!.LineSpan.Start.Line);
        Assert.Equal(flow.Split('\n')[3].IndexOf("\"99\"", System.StringComparison.Ordinal), diagnostic.Location.LineSpan.Start.Character);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Descriptor.DefaultSeverity);
        Assert.Contains("use a status code from 200 to 599", diagnostic.Message);
    }

    [Theory]
    [InlineData("101", "1xx status is informational")]
    [InlineData("\"600\"", "end at 599")]
    [InlineData("1000", "ERR_HTTP_INVALID_STATUS_CODE")]
    [InlineData("\"-3\"", "ERR_HTTP_INVALID_STATUS_CODE")]
    public void Response_statuses_outside_200_to_599(string status, string text)
    {
        Reports(Chain(Response($", \"statusCode\": {status}")), "FLOW209", status, text);
    }

    [Theory]
    [InlineData("\"404\"")]
    [InlineData("\"\"")]
    [InlineData("0")]
    [InlineData("\"abc\"")]
    [InlineData("\"${STATUS}\"")]
    [InlineData("599")]
    public void Valid_or_deferred_response_statuses_are_silent(string status)
    {
        Silent(Chain(Response($", \"statusCode\": {status}")));
    }

    [Theory]
    [InlineData("num", "\"1000\"", "1000")]
    [InlineData("str", "\"99 problems\"", "99")]
    [InlineData("json", "\"150\"", "150")]
    [InlineData("num", "42", "42")]
    public void A_constant_msg_status_code_reaching_a_response_without_a_status(string type, string value, string shown)
    {
        var flow = Chain(Change("set status", $"[{Set("statusCode", type, value)}]"), Response());
        Reports(flow, "FLOW209", value + ", \"tot\"", $"Node 'set status' sets the status {shown} for http response 'resp'");
    }

    [Fact]
    public void The_nodes_own_status_wins_over_msg_status_code()
    {
        Silent(Chain(Change("set status", $"[{Set("statusCode", "num", "\"99\"")}]"), Response(""", "statusCode": "200" """)));
        Silent(Chain(Change("set status", $"[{Set("statusCode", "num", "\"99\"")}]"), Response(""", "statusCode": "${STATUS}" """)));
    }

    [Fact]
    public void A_later_rule_or_node_that_changes_the_status_makes_it_unknown_or_valid()
    {
        Silent(Chain(Change("set status", $"[{Set("statusCode", "num", "\"99\"")}, {Set("statusCode", "num", "\"201\"")}]"), Response()));
        Silent(Chain(Change("set status", $"[{Set("statusCode", "num", "\"99\"")}, {{\"t\": \"delete\", \"p\": \"statusCode\", \"pt\": \"msg\"}}]"), Response()));
        Silent(Chain(Change("set status", $"[{Set("statusCode", "num", "\"99\"")}]"), Change("copy", $"[{Set("statusCode", "msg", "\"req.query.s\"")}]"), Response()));
        Silent(Chain(Change("set status", $"[{Set("statusCode", "num", "\"99\"")}]"), "\"type\": \"template\", \"field\": \"statusCode\", \"template\": \"{{req.query.s}}\"", Response()));
    }

    [Fact]
    public void Switches_and_junctions_carry_the_facts_and_one_value_is_reported_once()
    {
        var flow = """
            [
            {"id": "t", "type": "tab", "label": "T"},
            {"id": "in", "type": "http in", "z": "t", "url": "/t", "method": "get", "x": 1, "y": 1, "wires": [["set"]]},
            {"id": "set", "type": "change", "z": "t", "name": "set", "rules": [{"t": "set", "p": "statusCode", "pt": "msg", "to": "99", "tot": "num"}], "x": 1, "y": 1, "wires": [["sw"]]},
            {"id": "sw", "type": "switch", "z": "t", "property": "payload", "propertyType": "msg", "rules": [{"t": "eq", "v": "a", "vt": "str"}, {"t": "else"}], "checkall": "false", "outputs": 2, "x": 1, "y": 1, "wires": [["j"], ["out2"]]},
            {"id": "j", "type": "junction", "z": "t", "x": 1, "y": 1, "wires": [["out1"]]},
            {"id": "out1", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []},
            {"id": "out2", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}
            ]
            """;
        Reports(flow, "FLOW209", "\"99\"", "Node 'set' sets the status 99");
    }

    [Fact]
    public void The_change_nodes_form_before_rules_is_read_too()
    {
        var flow = Chain("\"type\": \"change\", \"name\": \"old\", \"action\": \"replace\", \"property\": \"statusCode\", \"to\": \"99\"", Response());
        Reports(flow, "FLOW209", "\"99\"", "Node 'old' sets the status 99");
    }

    [Fact]
    public void Moving_a_property_makes_both_ends_unknown()
    {
        Silent(Chain(Change("move", $"[{Set("statusCode", "num", "\"99\"")}, {{\"t\": \"move\", \"p\": \"req.query.s\", \"pt\": \"msg\", \"to\": \"statusCode\", \"tot\": \"msg\"}}]"), Response()));
        Silent(Chain(Change("move", $"[{Set("payload", "bool", "\"true\"")}, {{\"t\": \"move\", \"p\": \"payload\", \"pt\": \"msg\", \"to\": \"result\", \"tot\": \"msg\"}}]"), Response()));
    }

    [Fact]
    public void Paths_that_join_with_different_statuses_are_not_reported()
    {
        var flow = """
            [
            {"id": "t", "type": "tab", "label": "T"},
            {"id": "in", "type": "http in", "z": "t", "url": "/t", "method": "get", "x": 1, "y": 1, "wires": [["sw"]]},
            {"id": "sw", "type": "switch", "z": "t", "property": "payload", "propertyType": "msg", "rules": [{"t": "eq", "v": "a", "vt": "str"}, {"t": "else"}], "checkall": "false", "outputs": 2, "x": 1, "y": 1, "wires": [["a"], ["b"]]},
            {"id": "a", "type": "change", "z": "t", "rules": [{"t": "set", "p": "statusCode", "pt": "msg", "to": "204", "tot": "num"}, {"t": "set", "p": "payload", "pt": "msg", "to": "x", "tot": "str"}], "x": 1, "y": 1, "wires": [["out"]]},
            {"id": "b", "type": "change", "z": "t", "rules": [{"t": "set", "p": "statusCode", "pt": "msg", "to": "200", "tot": "num"}], "x": 1, "y": 1, "wires": [["out"]]},
            {"id": "out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}
            ]
            """;
        Silent(flow);
    }

    // ------------------------------------------------------------------ FLOW210 a body on 204 / 304

    [Fact]
    public void A_constant_payload_on_a_204_response_is_a_warning_at_the_payload()
    {
        var flow = Chain(Change("done", $"[{Set("payload", "str", "\"deleted\"")}]"), Response(""", "statusCode": "204" """));
        var diagnostic = Reports(flow, "FLOW210", "\"deleted\"", "Node 'done' sets a body in msg.payload, but http response 'resp' answers with status 204");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Descriptor.DefaultSeverity);
    }

    [Fact]
    public void A_304_from_msg_status_code_with_a_json_payload()
    {
        var value = """ "{\"a\":1}" """.Trim();
        var flow = Chain(Change("cached", $"[{Set("statusCode", "num", "\"304\"")}, {Set("payload", "json", value)}]"), Response());
        Reports(flow, "FLOW210", value, "status 304");
    }

    [Fact]
    public void A_template_with_text_on_a_204_response()
    {
        var flow = Chain("\"type\": \"template\", \"name\": \"page\", \"field\": \"payload\", \"syntax\": \"mustache\", \"template\": \"<p>Gone {{id}}</p>\", \"output\": \"str\"",
            Response(""", "statusCode": 204 """));
        Reports(flow, "FLOW210", "\"<p>Gone", "Node 'page' sets a body");
    }

    [Fact]
    public void No_body_warning_without_a_known_non_empty_payload()
    {
        // The request's own payload (a DELETE echo), a deleted payload, an empty string, or a status with a body.
        Silent(Chain(Response(""", "statusCode": "204" """)));
        Silent(Chain(Change("clear", """[{"t": "delete", "p": "payload", "pt": "msg"}]"""), Response(""", "statusCode": "204" """)));
        Silent(Chain(Change("clear", $"[{Set("payload", "str", "\"\"")}]"), Response(""", "statusCode": "304" """)));
        Silent(Chain(Change("done", $"[{Set("payload", "str", "\"ok\"")}]"), Response(""", "statusCode": "200" """)));
        Silent(Chain(Change("done", $"[{Set("payload", "str", "\"ok\"")}]"), "\"type\": \"template\", \"template\": \"{{payload}}\"", Response(""", "statusCode": "204" """)));
    }

    // ------------------------------------------------------------------ FLOW211 / FLOW212 headers

    [Fact]
    public void An_invalid_header_name_on_the_response_node_is_located_at_the_name()
    {
        var flow = Chain(Response(""", "headers": {"x-ok": "1", "bad name": "2"}"""));
        var diagnostic = Reports(flow, "FLOW211", "\"bad name\"", "Node 'resp' sets the response header \"bad name\"");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Descriptor.DefaultSeverity);
    }

    [Fact]
    public void A_header_value_with_a_line_break_on_the_response_node()
    {
        var flow = Chain(Response(""", "headers": {"x-a": "one\r\nSet-Cookie: x=1"}"""));
        Reports(flow, "FLOW212", "\"one\\r", "Node 'resp' sets the response header 'x-a' to a value with a line break (CR or LF)");
    }

    [Fact]
    public void Headers_in_a_constant_msg_headers_are_located_inside_the_json_text()
    {
        var value = """ "{\"x-ok\":\"1\",\"bad:name\":\"2\"}" """.Trim();
        var flow = Chain(Change("hdrs", $"[{Set("headers", "json", value)}]"), Response());
        Reports(flow, "FLOW211", "\\\"bad:name\\\"", "Node 'hdrs' sets the response header \"bad:name\"");

        var broken = """ "{\"x-a\":[\"ok\",\"two\\nlines\"]}" """.Trim();
        flow = Chain(Change("hdrs", $"[{Set("headers", "json", broken)}]"), Response());
        Reports(flow, "FLOW212", "\\\"two", "Node 'hdrs' sets the response header 'x-a' to a value with a line break");
    }

    [Fact]
    public void Valid_headers_are_silent()
    {
        Silent(Chain(Response(""", "headers": {"Content-Type": "text/plain", "X-Request-Id": "a\tb", "x-n": 5, "x-env": "${VALUE}", "x-latin": "caf\u00e9"}""")));
        var value = """ "{\"Cache-Control\":\"no-store\",\"x-list\":[\"a\",\"b\"],\"x-num\":3}" """.Trim();
        Silent(Chain(Change("hdrs", $"[{Set("headers", "json", value)}]"), Response()));
        // A msg header spelled exactly like a node header is not sent, so it is not checked.
        var shadowed = """ "{\"x-a\":\"bad\\nvalue\"}" """.Trim();
        Silent(Chain(Change("hdrs", $"[{Set("headers", "json", shadowed)}]"), Response(""", "headers": {"x-a": "1"}""")));
        // A header object built from the request is unknown.
        Silent(Chain(Change("hdrs", $"[{Set("headers", "msg", "\"req.headers\"")}]"), Response()));
    }

    // ------------------------------------------------------------------ FLOW213 cookies

    [Theory]
    [InlineData("""{\"c\":{\"value\":\"v\",\"sameSite\":\"sometimes\"}}""", "\\\"sometimes\\\"", "sameSite \"sometimes\" is not")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"priority\":\"urgent\"}}""", "\\\"urgent\\\"", "priority \"urgent\" is not")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"maxAge\":\"soon\"}}""", "\\\"soon\\\"", "maxAge \"soon\" is not a finite number")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"expires\":\"2030-01-01\"}}""", "\\\"2030-01-01\\\"", "expires is a string, but it must be a Date")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"signed\":true}}""", "true}}", "signed cookies need a cookie secret")]
    [InlineData("""{\"ok\":\"1\",\"\":\"v\"}""", "\\\"\\\":", "the name is not an HTTP token")]
    [InlineData("""{\"ok\":\"1\",\"my cookie\":\"v\"}""", "\\\"my cookie\\\":", "the name is not an HTTP token")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"encode\":true}}""", "true}}", "encode must be a function")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"domain\":\"bad_host!\"}}""", "\\\"bad_host!\\\"", "domain \"bad_host!\" is not a host name")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"path\":\"/a;b\"}}""", "\\\"/a;b\\\"", "path \"/a;b\" has")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"sameSite\":\"true\"}}""", "\\\"true\\\"", "sameSite \"true\" is not")]
    public void Invalid_cookies_in_a_constant_msg_cookies(string json, string at, string text)
    {
        var flow = Chain(Change("cookies", $"[{Set("cookies", "json", "\"" + json + "\"")}]"), Response());
        var diagnostic = Reports(flow, "FLOW213", at, text);
        Assert.StartsWith("Node 'cookies' sets the cookie", diagnostic.Message);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Descriptor.DefaultSeverity);
    }

    [Theory]
    [InlineData("""{\"c\":{\"value\":\"v\",\"sameSite\":\"lax\"}}""")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"sameSite\":true,\"priority\":\"High\"}}""")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"sameSite\":\"None\",\"secure\":true}}""")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"maxAge\":60000,\"expires\":\"ignored when maxAge is a number\"}}""")]
    [InlineData("""{\"c\":{\"value\":\"v\",\"maxAge\":\"2500\",\"sameSite\":false,\"signed\":false}}""")]
    [InlineData("""{\"gone\":null,\"cleared\":{\"value\":null,\"path\":\"/p\"},\"n\":42,\"spaced\":{\"value\":\"a b;c\"}}""")]
    [InlineData("""{\"c\":{\"value\":\"a b\",\"encode\":false,\"domain\":\".example.com\",\"path\":\"/x y\"}}""")]
    public void Valid_cookies_are_silent(string json)
    {
        Silent(Chain(Change("cookies", $"[{Set("cookies", "json", "\"" + json + "\"")}]"), Response()));
    }

    // ------------------------------------------------------------------ FLOW214 boolean payload

    [Theory]
    [InlineData("bool", "\"true\"", "true")]
    [InlineData("bool", "\"false\"", "false")]
    [InlineData("json", "\"false\"", "false")]
    public void A_boolean_payload_reaching_a_response(string type, string value, string shown)
    {
        var flow = Chain(Change("flag", $"[{Set("payload", type, value)}]"), Response());
        var diagnostic = Reports(flow, "FLOW214", value + ", \"tot\"", $"Node 'flag' sets msg.payload to the boolean {shown}, which http response 'resp' cannot send");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Descriptor.DefaultSeverity);
    }

    [Fact]
    public void String_payloads_and_overwritten_booleans_are_silent()
    {
        Silent(Chain(Change("flag", $"[{Set("payload", "str", "\"true\"")}]"), Response()));
        Silent(Chain(Change("flag", $"[{Set("payload", "bool", "\"true\"")}, {Set("payload", "str", "\"yes\"")}]"), Response()));
        Silent(Chain(Change("flag", $"[{Set("payload", "bool", "\"true\"")}]"), "\"type\": \"template\", \"template\": \"{{payload}}\"", Response()));
        Silent(Chain(Change("flag", $"[{Set("payload.ok", "bool", "\"true\"")}]"), Response()));
    }

    // ------------------------------------------------------------------ repository flows

    /// <summary>
    /// The repository's flows are correct, so they get none of these diagnostics, with one deliberate exception:
    /// conformance case 09-empty-bodies records that Node-RED drops a body set before a 204 or 304, which is the
    /// very hazard FLOW210 warns about.
    /// </summary>
    [Fact]
    public void Conformance_and_sample_flows_get_none_of_these_diagnostics()
    {
        var flows = RepositoryFlows.ConformanceFlows("public").Concat(RepositoryFlows.SampleFlows).ToList();
        Assert.Contains(flows, f => f.Contains("sample-app", System.StringComparison.Ordinal));
        var found = flows
            .SelectMany(path => FlowFileCompiler.Check(path, SourceText.From(File.ReadAllText(path)), null))
            .Where(d => Ids.Contains(d.Descriptor.Id) || d.Descriptor.Id == "FLOW900")
            .ToList();
        var expected = found.Where(d => d.Descriptor.Id == "FLOW210" && d.Location!.Path.Replace('\\', '/').Contains("/09-empty-bodies/", System.StringComparison.Ordinal)).ToList();
        var unexpected = found.Except(expected).Select(d => $"{d.Location}: {d.Descriptor.Id} {d.Message}").ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
        // The two bodies that case sets on purpose: on a 204 from the node and on a 304 from msg.statusCode.
        Assert.Equal(2, expected.Count);
    }
}
