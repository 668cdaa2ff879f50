using System.Linq;

namespace FlowGen.Compiler.Tests;

public sealed class FileInCompilerTests
{
    private static string Node(string fields) =>
        "{\"id\": \"n\", \"type\": \"file in\", \"z\": \"tab1\", " + fields + ", \"x\": 1, \"y\": 1, \"wires\": [[\"out\"]]}";

    [Theory]
    [InlineData("\"filename\": \"data/a.txt\", \"filenameType\": \"str\", \"format\": \"utf8\", \"encoding\": \"utf-8\"", "FileInFormat.Text", "FileTextEncoding.Utf8")]
    [InlineData("\"filename\": \"req.query.f\", \"filenameType\": \"msg\", \"format\": \"\"", "FileInFormat.Buffer", "FileTextEncoding.None")]
    [InlineData("\"filename\": \"FILE\", \"filenameType\": \"env\", \"format\": \"utf8\", \"encoding\": \"latin1\"", "FileInFormat.Text", "FileTextEncoding.Latin1")]
    [InlineData("\"filename\": \"\", \"format\": \"utf8\"", "FileInFormat.Text", "\"filename\"")]
    [InlineData("\"filename\": \"${FILE}\", \"filenameType\": \"str\", \"format\": \"utf8\"", "SubstituteText(\"FILE\"", "FileInFormat.Text")]
    public void Compiles_the_formats_and_filename_types_Node_RED_offers(string fields, string expected1, string expected2)
    {
        var result = GeneratorHarness.Run(("f.flow.json", Flows.With(Node(fields))));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        var source = result.Source("f.flow.g.cs");
        Assert.Contains(expected1, source);
        Assert.Contains(expected2, source);
    }

    [Fact]
    public void Without_sendError_the_node_has_no_output_for_errors_and_with_it_a_copy_goes_on()
    {
        var legacy = GeneratorHarness.Run(("f.flow.json", Flows.With(Node("\"filename\": \"a.txt\", \"format\": \"utf8\""))));
        var quiet = GeneratorHarness.Run(("f.flow.json", Flows.With(Node("\"filename\": \"a.txt\", \"format\": \"utf8\", \"sendError\": false"))));

        Assert.Contains("FileInNode.ErrorMessage(msg, ex)", legacy.Source("f.flow.g.cs"));
        Assert.DoesNotContain("FileInNode.ErrorMessage", quiet.Source("f.flow.g.cs"));
        Assert.True(legacy.CompileDiagnostics.IsEmpty, legacy.Describe());
    }

    [Theory]
    [InlineData("\"filename\": \"a.txt\", \"format\": \"lines\"", "FLOW205", "one message per line")]
    [InlineData("\"filename\": \"a.txt\", \"format\": \"stream\"", "FLOW205", "one message per chunk")]
    [InlineData("\"filename\": \"/etc/passwd\", \"filenameType\": \"str\", \"format\": \"utf8\"", "FLOW205", "absolute")]
    [InlineData("\"filename\": \"a/../../x.txt\", \"filenameType\": \"str\", \"format\": \"utf8\"", "FLOW205", "out of the file root")]
    [InlineData("\"filename\": \"\", \"filenameType\": \"str\", \"format\": \"utf8\"", "FLOW205", "empty")]
    [InlineData("\"filename\": \"a.txt\", \"format\": \"utf8\", \"encoding\": \"Shift_JIS\"", "FLOW205", "Shift_JIS")]
    [InlineData("\"filename\": \"$.f\", \"filenameType\": \"jsonata\", \"format\": \"utf8\"", "FLOW204", "jsonata")]
    public void Configurations_that_cannot_work_are_errors_at_the_property(string fields, string id, string text)
    {
        var result = GeneratorHarness.Run(("f.flow.json", Flows.With(Node(fields))));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(text, diagnostic.GetMessage());
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void File_in_is_no_longer_listed_as_not_yet_supported()
    {
        Assert.DoesNotContain("file in", Binding.NodeTypes.NotYetSupported.Keys);
        Assert.Contains("file", Binding.NodeTypes.NotYetSupported.Keys.Where(k => k == "file"));
    }
}
