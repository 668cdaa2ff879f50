using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>The template and json node compilers through the generator: generated code and diagnostics.</summary>
public sealed class TemplateJsonTests
{
    /// <summary>A template node "n" with the given template text as it is written in the file (JSON escapes included).</summary>
    private static string Template(string rawTemplate, string extra = "") =>
        Flows.With($$"""{"id": "n", "type": "template", "z": "tab1", "name": "page", "field": "payload", "fieldType": "msg", "syntax": "mustache", "template": "{{rawTemplate}}", "output": "str"{{extra}}, "x": 1, "y": 1, "wires": [["out"]]}""");

    private static string Json(string properties) =>
        Flows.With($$"""{"id": "n", "type": "json", "z": "tab1", "name": "", {{properties}}, "x": 1, "y": 1, "wires": [["out"]]}""");

    private static GeneratorHarness.Result Run(string flow) => GeneratorHarness.Run(("t.flow.json", flow));

    private static string Compiled(string flow)
    {
        var result = Run(flow);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        return result.Source("t.flow.g.cs");
    }

    /// <summary>The single diagnostic, checked to start where <paramref name="marker"/> first occurs in the file.</summary>
    private static Diagnostic Single(string flow, string id, string marker, int occurrence = 0)
    {
        var result = Run(flow);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        var at = -1;
        for (var i = 0; i <= occurrence; i++) at = flow.IndexOf(marker, at + 1, StringComparison.Ordinal);
        Assert.True(at >= 0, "marker not in the flow");
        var expected = SourceText.From(flow).Lines.GetLinePosition(at);
        Assert.Equal(expected, diagnostic.Location.GetLineSpan().StartLinePosition);
        return diagnostic;
    }

    [Fact]
    public void Mustache_template_compiles_to_lookups_without_a_template_engine()
    {
        var source = Compiled(Template("Hello {{payload.name}}!\\n{{#payload.items}}<li>{{{.}}}</li>{{/payload.items}}{{^payload.items}}none{{/payload.items}}"));

        Assert.Contains("global::FlowGen.Runtime.MustacheContext.Root(msg)", source);
        Assert.Contains("new[] { \"payload\", \"name\" }", source);
        Assert.Contains("global::FlowGen.Runtime.Mustache.Section(context0, context0.Lookup(", source);
        Assert.Contains("global::FlowGen.Runtime.Mustache.AppendRaw(text, context1.LookupSelf());", source);
        Assert.Contains("text.Append(\"Hello \");", source);
        Assert.Contains("global::FlowGen.Runtime.TemplateNode.Set(msg, ", source);
        Assert.DoesNotContain("Parse", source);
    }

    [Fact]
    public void Template_compiles_under_csharp_14_too()
    {
        var compilation = GeneratorHarness.CreateCompilation(languageVersion: LanguageVersion.Preview);
        var result = GeneratorHarness.Run(compilation, new[] { new InMemoryFlowFile("/project/t.flow.json", Template("{{#a}}{{b}}{{/a}}{{c.d}}{{env.HOME}}")) }, LanguageVersion.Preview);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Fact]
    public void Template_without_tags_is_a_constant()
    {
        var source = Compiled(Template("<!DOCTYPE html>\\n<html>\\n<body><h1>Header</h1>{{! no tags }}</body>\\n</html>"));

        Assert.Contains("\"<!DOCTYPE html>\\n<html>\\n<body><h1>Header</h1></body>\\n</html>\"", source);
        Assert.DoesNotContain("MustacheContext", source);
    }

    [Fact]
    public void Plain_syntax_outputs_the_text_as_it_is()
    {
        var source = Compiled(Template("Hello {{payload.name}} -- {{{raw}}}", ", \"syntax\": \"plain\""));

        Assert.Contains("\"Hello {{payload.name}} -- {{{raw}}}\"", source);
        Assert.DoesNotContain("MustacheContext", source);
    }

    [Fact]
    public void Json_output_escapes_top_level_strings_and_parses_the_result()
    {
        var source = Compiled(Template("{\\\"a\\\": \\\"{{payload}}\\\"}", ", \"output\": \"json\""));

        Assert.Contains("MustacheContext.Root(msg, escapeJsonStrings: true)", source);
        Assert.Contains("global::FlowGen.Runtime.TemplateNode.ParseJson(rendered)", source);
    }

    [Fact]
    public void Constant_json_output_is_parsed_once_and_copied_per_message()
    {
        var source = Compiled(Template("{\\\"ok\\\": true}", ", \"output\": \"json\""));

        Assert.Contains("global::FlowGen.Runtime.JsJson.Parse(\"{\\\"ok\\\": true}\")", source);
        Assert.Contains("global::FlowGen.Runtime.Js.DeepClone(", source);
    }

    [Fact]
    public void Constant_json_output_that_is_not_json_is_an_error_at_the_bad_character()
    {
        var flow = Template("{\\\"ok\\\": tru}", ", \"output\": \"json\"");
        var diagnostic = Single(flow, "FLOW208", "tru}");
        Assert.Contains("not JSON", diagnostic.GetMessage());
    }

    [Fact]
    public void Unclosed_tag_is_located_at_the_tag_inside_the_template_after_escapes()
    {
        var flow = Template("caf\\u00e9 \\\"quoted\\\"\\n\\tline {{payload.name");
        var diagnostic = Single(flow, "FLOW208", "{{payload.name");
        Assert.Contains("Unclosed tag at 34", diagnostic.GetMessage());
        Assert.Contains("'page'", diagnostic.GetMessage());
    }

    [Fact]
    public void Mismatched_closing_tag_is_located_at_the_closing_tag()
    {
        var diagnostic = Single(Template("{{#a}}\\n{{#b}}x{{/a}}\\n{{/b}}"), "FLOW208", "{{/a}}");
        Assert.Contains("Unclosed section \"b\" at 14", diagnostic.GetMessage());
    }

    [Fact]
    public void Section_never_closed_is_located_at_its_opening_tag()
    {
        var diagnostic = Single(Template("a {{^items}}\\nnone"), "FLOW208", "{{^items}}");
        Assert.Contains("never closed", diagnostic.GetMessage());
    }

    [Fact]
    public void Closing_tag_without_a_section_is_located()
    {
        Single(Template("x {{/items}}"), "FLOW208", "{{/items}}");
    }

    [Fact]
    public void Bad_delimiter_change_is_located()
    {
        var diagnostic = Single(Template("x {{=<%=}}"), "FLOW208", "{{=<%=}}");
        Assert.Contains("Invalid tags: <%", diagnostic.GetMessage());
    }

    [Fact]
    public void Errors_after_a_delimiter_change_use_the_new_delimiters()
    {
        Single(Template("{{=<% %>=}}\\n<%#a%> <% b"), "FLOW208", "<% b");
    }

    [Fact]
    public void Flow_and_global_context_tags_are_rejected_at_the_tag()
    {
        var diagnostic = Single(Template("n={{payload}} {{flow.count}}"), "FLOW208", "{{flow.count}}");
        Assert.Contains("flow context", diagnostic.GetMessage());
        diagnostic = Single(Template("{{#payload}}{{#global[file].x}}y{{/global[file].x}}{{/payload}}"), "FLOW208", "{{#global");
        Assert.Contains("global context", diagnostic.GetMessage());
    }

    [Fact]
    public void Partials_are_rejected_at_the_tag()
    {
        var diagnostic = Single(Template("a {{> header}} b"), "FLOW208", "{{> header}}");
        Assert.Contains("partial", diagnostic.GetMessage());
    }

    [Fact]
    public void Empty_mustache_template_would_render_msg_template_and_is_rejected()
    {
        var diagnostic = Single(Template(""), "FLOW208", "\"\", \"output\"");
        Assert.Contains("msg.template", diagnostic.GetMessage());
    }

    [Fact]
    public void Empty_plain_template_outputs_msg_template()
    {
        var source = Compiled(Template("", ", \"syntax\": \"plain\""));
        Assert.Contains("global::FlowGen.Runtime.TemplateNode.MessageTemplate(msg, \"\")", source);
    }

    [Fact]
    public void Whole_value_env_template_is_rejected_for_mustache_and_read_at_run_time_for_plain()
    {
        var diagnostic = Single(Template("${PAGE}"), "FLOW208", "\"${PAGE}\"");
        Assert.Contains("environment variable PAGE", diagnostic.GetMessage());

        var source = Compiled(Template("${PAGE}", ", \"syntax\": \"plain\""));
        Assert.Contains("_Env.SubstituteText(\"PAGE\", \"${PAGE}\")", source);
    }

    [Fact]
    public void Yaml_output_is_not_supported()
    {
        var diagnostic = Single(Template("a: 1", ", \"output\": \"yaml\"").Replace("\"output\": \"str\", ", ""), "FLOW205", "\"yaml\"");
        Assert.Contains("yaml", diagnostic.GetMessage());
    }

    [Fact]
    public void Context_output_field_is_not_supported()
    {
        var flow = Template("x").Replace("\"fieldType\": \"msg\"", "\"fieldType\": \"flow\"");
        var diagnostic = Single(flow, "FLOW204", "\"flow\"");
        Assert.Contains("supported: msg", diagnostic.GetMessage());
    }

    [Fact]
    public void Invalid_output_field_path_is_an_error()
    {
        Single(Template("x").Replace("\"field\": \"payload\"", "\"field\": \"a..b\""), "FLOW205", "\"a..b\"");
    }

    [Fact]
    public void Missing_template_property_is_an_error()
    {
        var flow = Flows.With("""{"id": "n", "type": "template", "z": "tab1", "x": 1, "y": 1, "wires": [["out"]]}""");
        var diagnostic = Assert.Single(Run(flow).GeneratorDiagnostics);
        Assert.Equal("FLOW205", diagnostic.Id);
    }

    [Fact]
    public void Deep_output_field_is_created_by_the_template()
    {
        var source = Compiled(Template("{{payload}}").Replace("\"field\": \"payload\"", "\"field\": \"topic.foo.bar\""));
        Assert.Contains("PathSegment.Key(\"foo\")", source);
    }

    [Theory]
    [InlineData("\"action\": \"\", \"property\": \"payload\", \"pretty\": false", "JsonNode.Toggle(msg, ", ", 0);")]
    [InlineData("\"action\": \"str\", \"property\": \"payload\", \"pretty\": true", "JsonNode.ToJsonString(msg, ", ", 4);")]
    [InlineData("\"action\": \"obj\", \"property\": \"one.two\"", "JsonNode.ToObject(msg, ", ");")]
    [InlineData("\"property\": \"\"", "JsonNode.Toggle(msg, ", ", 0);")]
    public void Json_node_compiles_to_its_action(string properties, string call, string tail)
    {
        var source = Compiled(Json(properties));
        var line = source.Split('\n').Single(l => l.Contains(call, StringComparison.Ordinal));
        Assert.EndsWith(tail, line.TrimEnd());
    }

    [Fact]
    public void Json_node_with_an_unknown_action_is_an_error()
    {
        var diagnostic = Single(Json("\"action\": \"xml\""), "FLOW205", "\"xml\"");
        Assert.Contains("\"obj\"", diagnostic.GetMessage());
    }

    [Fact]
    public void Json_node_with_an_invalid_property_is_an_error()
    {
        Single(Json("\"property\": \"a[\""), "FLOW205", "\"a[\"");
    }

    [Fact]
    public void Json_node_errors_are_catchable()
    {
        var source = Compiled(Json("\"action\": \"obj\""));
        Assert.Contains("catch (global::System.Exception ex)", source);
    }
}
