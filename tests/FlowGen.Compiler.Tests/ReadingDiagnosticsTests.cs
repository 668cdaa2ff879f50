using System.Linq;
using Microsoft.CodeAnalysis;

namespace FlowGen.Compiler.Tests;

/// <summary>The generator's diagnostics, each at the exact line and column of what is wrong.</summary>
public sealed class ReadingDiagnosticsTests
{
    private static Diagnostic Single(string id, params (string Name, string Json)[] files)
    {
        var result = GeneratorHarness.Run(files);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        return Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
    }

    /// <summary>Asserts the diagnostic starts where <paramref name="marker"/> first occurs in <paramref name="json"/>.</summary>
    private static void At(Diagnostic diagnostic, string json, string marker)
    {
        var offset = json.IndexOf(marker, System.StringComparison.Ordinal);
        Assert.True(offset >= 0, marker);
        var line = json.Take(offset).Count(c => c == '\n');
        var column = offset - (json.LastIndexOf('\n', offset == 0 ? 0 : offset - 1) + 1);
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((line, column), (start.Line, start.Character));
    }

    [Fact]
    public void FLOW002_a_top_level_that_is_no_export()
    {
        var json = "\n  {\"id\": \"x\", \"type\": \"http in\"}";
        At(Single("FLOW002", ("o.flow.json", json)), json, "{");
    }

    [Fact]
    public void FLOW003_a_node_without_an_id_at_the_node()
    {
        var json = "[\n  {\"id\": \"t\", \"type\": \"tab\"},\n  {\"type\": \"http in\", \"url\": \"/x\"}\n]";
        At(Single("FLOW003", ("n.flow.json", json)), json, "{\"type\": \"http in\"");
    }

    [Fact]
    public void FLOW113_a_flow_node_without_a_position_is_reported_and_maps_nothing_as_in_node_red()
    {
        var json = Flows.Hello().Replace("\"x\": 100, \"y\": 100, ", "");
        var result = GeneratorHarness.Run(("p.flow.json", json));
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(("FLOW113", DiagnosticSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        At(diagnostic, json, "{\"id\": \"in1\", \"type\": \"http in\"");
        Assert.DoesNotContain("p.flow.g.cs", result.HintNames);
        // A configuration node has no position and is no mistake.
        var config = Flows.Hello().Replace("\n]", ",\n  {\"id\": \"tls\", \"type\": \"tls-config\", \"name\": \"t\"}\n]");
        Assert.Empty(GeneratorHarness.Run(("c.flow.json", config)).GeneratorDiagnostics);
    }

    [Fact]
    public void FLOW101_at_the_wire()
    {
        var json = Flows.Hello().Replace("[[\"in1_out\"]]", "[[\"in1_out\", \"ghost\"]]");
        At(Single("FLOW101", ("w.flow.json", json)), json, "\"ghost\"");
    }

    [Fact]
    public void FLOW102_at_the_second_id_in_the_project()
    {
        var second = Flows.Hello("/b", "same");
        var result = GeneratorHarness.Run(("a.flow.json", Flows.Hello("/a", "same")), ("b.flow.json", second));
        // The http in "same" (its tab and response share the prefix and are reported as well).
        At(Assert.Single(result.GeneratorDiagnostics, d => d.Id == "FLOW102" && d.GetMessage().Contains("'same'", System.StringComparison.Ordinal)), second, "\"same\"");
    }

    [Fact]
    public void FLOW103_at_the_second_http_in()
    {
        var second = Flows.Hello("/same", "b1");
        var diagnostic = Single("FLOW103", ("a.flow.json", Flows.Hello("/same", "a1")), ("b.flow.json", second));
        Assert.Equal("/project/b.flow.json", diagnostic.Location.GetLineSpan().Path);
        At(diagnostic, second, "{\"id\": \"b1\"");
    }

    [Fact]
    public void FLOW206_at_the_method_value()
    {
        var json = Flows.Hello().Replace("\"method\": \"get\"", "\"method\": \"GET\"");
        At(Single("FLOW206", ("m.flow.json", json)), json, "\"GET\"");
    }

    [Fact]
    public void FLOW206_at_the_url_value()
    {
        var json = Flows.Hello("/a/*/b");
        At(Single("FLOW206", ("u.flow.json", json)), json, "\"/a/*/b\"");
    }
}
