using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>The http request compiler through the generator (code and FLOW2xx diagnostics) and the path rules.</summary>
public sealed class HttpRequestCompilerTests
{
    /// <summary>An http request node "n" with the given extra properties, wired to the response.</summary>
    private static string Request(string properties, string wires = "[[\"out\"]]") =>
        Flows.With($$"""{"id": "n", "type": "http request", "z": "tab1", "name": "call", "method": "GET", "ret": "obj", "paytoqs": "ignore", "url": "http://example.com/x", "tls": "", "persist": false, "authType": "", "senderr": false, "headers": []{{properties}}, "x": 1, "y": 1, "wires": {{wires}}}""");

    private static GeneratorHarness.Result Run(string flow) => GeneratorHarness.Run(("t.flow.json", flow));

    private static string Compiled(string flow)
    {
        var result = Run(flow);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        return result.Source("t.flow.g.cs");
    }

    private static void Single(string flow, string id, string marker)
    {
        var result = Run(flow);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        var at = flow.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, "marker not in the flow");
        Assert.Equal(SourceText.From(flow).Lines.GetLinePosition(at), diagnostic.Location.GetLineSpan().StartLinePosition);
    }

    private static string[] PathDiagnostics(string flow) =>
        FlowFileCompiler.Check("t.flow.json", SourceText.From(flow), null)
            .Where(d => !d.Descriptor.Id.StartsWith("FLOW2", StringComparison.Ordinal))
            .Select(d => d.Descriptor.Id + ": " + d.Message).ToArray();

    [Fact]
    public void Configuration_is_folded_into_static_options_and_the_call_is_awaited()
    {
        var source = Compiled(Request(""", "retries": 3, "retryInterval": 250, "bodyKind": "json", "apiKeyIn": "query", "apiKeyName": "key", "headers": [ {"keyType": "other", "keyValue": "X-Trace", "valueType": "other", "valueValue": "t-1"}, {"keyType": "Accept", "keyValue": "", "valueType": "msg", "valueValue": "payload.accept"}, {"keyType": "other", "keyValue": "", "valueType": "other", "valueValue": "skipped"}]"""));
        Assert.Contains("private static readonly global::FlowGen.Runtime.HttpRequestOptions", source);
        Assert.Contains("\"GET\", \"http://example.com/x\", ret: global::FlowGen.Runtime.HttpRequestReturn.Object", source);
        Assert.Contains("retries: 3, retryIntervalMs: 250, bodyKind: global::FlowGen.Runtime.HttpRequestBodyKind.Json", source);
        Assert.Contains("apiKeyIn: global::FlowGen.Runtime.HttpRequestApiKeyIn.Query, apiKeyName: \"key\"", source);
        Assert.Contains("new global::FlowGen.Runtime.HttpRequestHeaderEntry(\"X-Trace\", null, \"t-1\", null)", source);
        Assert.Contains("new global::FlowGen.Runtime.HttpRequestHeaderEntry(\"Accept\", null, null, ", source);
        Assert.DoesNotContain("skipped", source);
        Assert.Contains("await global::FlowGen.Runtime.HttpRequestNode.SendAsync(msg, ", source);
        // Without senderr: reported to catch and sent on with the error.
        Assert.Contains("await Error_HttpRequest_n(result.Error!, msg);", source);
        Assert.Contains("result.ApplyTo(msg);", source);
    }

    [Fact]
    public void Url_template_is_parsed_at_build_time_with_plain_mustache_lookups()
    {
        var source = Compiled(Request(""", "url": "{{{upstream}}}/x?q={{payload.q}}&e={{env.HOME}}" """.TrimEnd()));
        Assert.Contains("global::FlowGen.Runtime.MustacheContext.Root(msg)", source);
        Assert.Contains("global::FlowGen.Runtime.Mustache.Raw(context0.Lookup(\"upstream\"))", source);
        Assert.Contains("global::FlowGen.Runtime.Mustache.Escaped(context0.Lookup(", source);
        // env.HOME is a message property here, as in mustache.render(url, msg).
        Assert.DoesNotContain("LookupEnv", source);
        Assert.Contains(", url);", source);
    }

    [Fact]
    public void Senderr_only_reports_and_the_fail_branch_only_sends()
    {
        var senderr = Compiled(Request(""", "senderr": true"""));
        Assert.Contains("await Error_HttpRequest_n(result.Error!, msg);", senderr);
        Assert.DoesNotContain("ApplyTo", senderr);

        var fail = Compiled(Request(""", "failBranch": true, "outputs": 2""", "[[\"out\"], [\"out\"]]"));
        Assert.Contains("result.ApplyTo(msg, ", fail);
        Assert.Contains("fire1 = true;", fail);
        Assert.DoesNotContain("Error_HttpRequest_n(result", fail);
    }

    [Fact]
    public void Compiles_under_csharp_14_too()
    {
        var compilation = GeneratorHarness.CreateCompilation(languageVersion: LanguageVersion.Preview);
        var result = GeneratorHarness.Run(compilation, new[] { new InMemoryFlowFile("/project/t.flow.json", Request(""", "url": "{{#a}}{{b}}{{/a}}", "failBranch": true""", "[[\"out\"], [\"out\"]]")) }, LanguageVersion.Preview);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Theory]
    [InlineData("\"retries\": 11", "11")]
    [InlineData("\"retries\": 1.5", "1.5")]
    [InlineData("\"retryInterval\": 5001", "5001")]
    [InlineData("\"retryInterval\": -1", "-1")]
    [InlineData("\"bodyKind\": \"xml\"", "\"xml\"")]
    [InlineData("\"apiKeyIn\": \"cookie\"", "\"cookie\"")]
    [InlineData("\"paytoqs\": \"sometimes\"", "\"sometimes\"")]
    [InlineData("\"authType\": \"ntlm\"", "\"ntlm\"")]
    [InlineData("\"credentials\": {\"user\": \"u\", \"password\": \"secret\"}", "\"u\"")]
    [InlineData("\"method\": \"GE T\"", "\"GE T\"")]
    public void Invalid_values_are_FLOW205_at_the_value(string property, string marker)
    {
        var flow = Request(", " + property).Replace("\"method\": \"GET\", ", property.StartsWith("\"method\"", StringComparison.Ordinal) ? "" : "\"method\": \"GET\", ", StringComparison.Ordinal);
        var result = Run(flow);
        var diagnostic = result.GeneratorDiagnostics.First();
        Assert.Equal("FLOW205", diagnostic.Id);
        var at = flow.IndexOf(property, StringComparison.Ordinal) + property.IndexOf(marker, property.IndexOf(':', StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(SourceText.From(flow).Lines.GetLinePosition(at), diagnostic.Location.GetLineSpan().StartLinePosition);
    }

    [Fact]
    public void Unknown_ret_and_bad_header_names_and_values_are_FLOW205()
    {
        Single(Request("").Replace("\"ret\": \"obj\"", "\"ret\": \"xml\"", StringComparison.Ordinal), "FLOW205", "\"xml\"");
        Single(Request(""", "headers": [{"keyType": "other", "keyValue": "Bad Name", "valueType": "other", "valueValue": "v"}]"""), "FLOW205", "\"Bad Name\"");
        Single(Request(""", "headers": [{"keyType": "other", "keyValue": "X-A", "valueType": "other", "valueValue": "a\r\nb"}]"""), "FLOW205", "\"a\\r\\nb\"");
    }

    [Fact]
    public void A_second_output_wired_without_the_fail_branch_is_FLOW205()
    {
        Single(Request("", "[[\"out\"], [\"out\"]]"), "FLOW205", "[[\"out\"], [\"out\"]]");
    }

    [Fact]
    public void A_broken_url_template_is_FLOW208_inside_the_url()
    {
        Single(Request(""", "url": "http://h/{{#a}}x" """.TrimEnd()), "FLOW208", "{{#a}}");
    }

    [Fact]
    public void Http_request_is_no_longer_unsupported()
    {
        Assert.False(Binding.NodeTypes.NotYetSupported.ContainsKey("http request"));
        Assert.Empty(Run(Request("")).GeneratorDiagnostics);
    }

    [Fact]
    public void Path_rules_errors_continue_on_the_output_unless_senderr()
    {
        Assert.Empty(PathDiagnostics(Request("")));
        // senderr: errors only reach catch nodes, so a flow without one leaves them unanswered.
        Assert.Contains(PathDiagnostics(Request(""", "senderr": true""")), d => d.StartsWith("FLOW104", StringComparison.Ordinal) && d.Contains("catch", StringComparison.Ordinal));
    }

    [Fact]
    public void Path_rules_the_fail_branch_is_an_exclusive_outcome()
    {
        Assert.Empty(PathDiagnostics(Request(""", "failBranch": true, "outputs": 2""", "[[\"out\"], [\"out\"]]")));
        var unwired = PathDiagnostics(Request(""", "failBranch": true, "outputs": 2"""));
        Assert.Contains(unwired, d => d.StartsWith("FLOW104", StringComparison.Ordinal) && d.Contains("output 2", StringComparison.Ordinal));
    }
}
