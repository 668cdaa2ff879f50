using System.Collections.Generic;
using System.Linq;
using System.Text;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Mustache;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>The mustache parser against mustache.js 4.2.0's token trees and errors, and the C# it becomes.</summary>
public sealed class MustacheTests
{
    /// <summary>The tree in mustache.js's token notation: [type, value, start, end(, children, closeStart)].</summary>
    private static string Tree(string template)
    {
        var nodes = MustacheParser.Parse(template, out var error);
        Assert.True(nodes is not null, error?.ToString());
        return Describe(nodes!);
    }

    private static string Describe(IReadOnlyList<MustacheNode> nodes) => string.Join(" ", nodes.Select(n => n switch
    {
        MustacheText t => $"text({Show(t.Text)},{t.Start},{t.End})",
        MustacheVariable { Escaped: true } v => $"name({v.Name},{v.Start},{v.End})",
        MustacheVariable v => $"&({v.Name},{v.Start},{v.End})",
        MustacheSection s => $"{(s.Inverted ? "^" : "#")}({s.Name},{s.Start},{s.End},[{Describe(s.Children)}],{s.CloseStart})",
        MustachePartial p => $">({p.Name},{p.Start},{p.End})",
        MustacheComment c => $"!({c.Text},{c.Start},{c.End})",
        MustacheDelimiters d => $"=({d.Open} {d.Close},{d.Start},{d.End})",
        _ => "?",
    }));

    private static string Show(string text) => text.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");

    private static MustacheError Error(string template)
    {
        Assert.Null(MustacheParser.Parse(template, out var error));
        return error!;
    }

    [Fact]
    public void Empty_template_has_no_nodes() => Assert.Equal("", Tree(""));

    [Fact]
    public void Text_without_tags_is_one_text_node() =>
        Assert.Equal("text(<p>a = b</p>,0,12)", Tree("<p>a = b</p>"));

    [Fact]
    public void Escaped_and_raw_interpolations_trim_the_name()
    {
        Assert.Equal("text(a ,0,2) name(x,2,7) text( ,7,8) &(y,8,15) text( ,15,16) &(z,16,24)", Tree("a {{x}} {{{y}}} {{& z }}"));
        Assert.Equal("name(payload.a.b,0,17)", Tree("{{ payload.a.b }}"));
    }

    [Fact]
    public void Sections_nest_with_their_closing_position()
    {
        Assert.Equal("#(a,0,6,[text(x,6,7) ^(b,7,13,[name(.,13,18)],18)],24)", Tree("{{#a}}x{{^b}}{{.}}{{/b}}{{/a}}"));
    }

    [Fact]
    public void Comments_and_delimiter_changes_are_nodes_that_render_nothing()
    {
        Assert.Equal("text(a,0,1) !(note,1,11) =(<% %>,11,22) name(x,22,27) text({{y}},27,32)", Tree("a{{! note}}{{=<% %>=}}<%x%>{{y}}"));
        // Back to braces from new delimiters.
        Assert.Equal("=(| |,0,9) name(a,9,12) =({{ }},12,21) name(b,21,26)", Tree("{{=| |=}}|a||={{ }}=|{{b}}"));
    }

    [Fact]
    public void Triple_mustache_uses_the_current_closing_delimiter()
    {
        Assert.Equal("=(<% %>,0,11) &(x,11,18)", Tree("{{=<% %>=}}<%{x}%>"));
    }

    [Fact]
    public void Standalone_section_lines_lose_their_whitespace_and_newline()
    {
        // mustache.js removes a line holding only section, comment or delimiter tags and whitespace.
        Assert.Equal("text(a\\n,0,2) #(s,4,10,[text(  b\\n,11,15)],17) text(c,26,27)", Tree("a\n  {{#s}}\n  b\n  {{/s}}  \nc"));
        Assert.Equal("text(x\\n,0,2) !(hidden,3,16) text(y,17,18)", Tree("x\n {{! hidden }}\ny"));
    }

    [Fact]
    public void Interpolation_lines_keep_their_whitespace()
    {
        Assert.Equal("text(  ,0,2) name(x,2,7) text(\\n,7,8)", Tree("  {{x}}\n"));
        // A section tag sharing its line with text is not standalone.
        Assert.Equal("text( a ,0,3) #(s,3,9,[],9) text(\\n,15,16)", Tree(" a {{#s}}{{/s}}\n"));
    }

    [Fact]
    public void Standalone_partial_lines_are_stripped_too() =>
        Assert.Equal("text(a\\n,0,2) >(p,4,11) text(b,12,13)", Tree("a\n  {{> p}}\nb"));

    [Fact]
    public void Crlf_standalone_lines_lose_the_carriage_return_as_well() =>
        Assert.Equal("#(s,0,6,[text(x\\r\\n,8,11)],11) text(y,19,20)", Tree("{{#s}}\r\nx\r\n{{/s}}\r\ny"));

    [Fact]
    public void Unclosed_tag_reports_mustache_js_message_and_the_opening_tag()
    {
        var error = Error("ab {{payload");
        Assert.Equal("Unclosed tag at 12", error.Message);
        Assert.Equal((3, 2), (error.Start, error.Length));
        Assert.Contains("never closed with \"}}\"", error.ToString());
    }

    [Fact]
    public void Unclosed_triple_mustache_is_an_unclosed_tag()
    {
        var error = Error("x {{{raw}} y");
        Assert.Equal("Unclosed tag at 12", error.Message);
        Assert.Equal(2, error.Start);
    }

    [Fact]
    public void Unopened_section_points_at_the_closing_tag()
    {
        var error = Error("a {{/x}} b");
        Assert.Equal("Unopened section \"x\" at 2", error.Message);
        Assert.Equal((2, 6), (error.Start, error.Length));
    }

    [Fact]
    public void Mismatched_close_names_the_open_section_and_points_at_the_close()
    {
        var error = Error("{{#a}}{{#b}}{{/a}}{{/b}}");
        Assert.Equal("Unclosed section \"b\" at 12", error.Message);
        Assert.Equal((12, 6), (error.Start, error.Length));
        Assert.Contains("does not close the open section \"b\"", error.ToString());
    }

    [Fact]
    public void Section_left_open_reports_the_end_and_points_at_the_opening_tag()
    {
        var error = Error("x {{^items}} none");
        Assert.Equal("Unclosed section \"items\" at 17", error.Message);
        Assert.Equal((2, 10), (error.Start, error.Length));
    }

    [Fact]
    public void Delimiter_change_without_two_delimiters_is_invalid_tags()
    {
        var error = Error("a {{=<%=}} b");
        Assert.Equal("Invalid tags: <%", error.Message);
        Assert.Equal((2, 8), (error.Start, error.Length));
        Assert.Equal("Invalid tags: ", Error("{{= =}}").Message);
    }

    [Fact]
    public void Whitespace_is_javascript_whitespace()
    {
        Assert.True(MustacheParser.IsJsWhitespace('\u00a0'));
        Assert.True(MustacheParser.IsJsWhitespace('\ufeff'));
        Assert.True(MustacheParser.IsJsWhitespace('\u2003'));
        Assert.False(MustacheParser.IsJsWhitespace('\u0085'));
        Assert.Equal("name(x,0,8)", Tree("{{\u00a0x\ufeff}}".Replace("}}", " }}")));
    }

    [Fact]
    public void Constant_text_is_found_through_comments_and_delimiter_changes()
    {
        Assert.Equal("a b", MustacheEmitter.ConstantText(MustacheParser.Parse("a{{! c }} {{=<% %>=}}b", out _)!));
        Assert.Null(MustacheEmitter.ConstantText(MustacheParser.Parse("a{{x}}", out _)!));
        Assert.Null(MustacheEmitter.ConstantText(MustacheParser.Parse("{{#s}}{{/s}}", out _)!));
    }

    [Fact]
    public void Names_become_lookups_of_the_right_kind()
    {
        var fields = new List<string>();
        var emitter = new MustacheEmitter(parts =>
        {
            fields.Add(string.Join("|", parts));
            return "F" + fields.Count;
        }, () => "Scope");
        Assert.Equal("c.LookupSelf()", emitter.Lookup(".", "c"));
        Assert.Equal("c.Lookup(\"payload\")", emitter.Lookup("payload", "c"));
        Assert.Equal("c.Lookup(\".a\")", emitter.Lookup(".a", "c"));
        Assert.Equal("c.Lookup(F1)", emitter.Lookup("payload.a.0", "c"));
        Assert.Equal("c.LookupEnv(F2, Scope, \"HOME\")", emitter.Lookup("env.HOME", "c"));
        Assert.Equal(new[] { "payload|a|0", "env|HOME" }, fields);
    }

    [Theory]
    [InlineData("flow.x", true)]
    [InlineData("global.a.b", true)]
    [InlineData("flow[file].x", true)]
    [InlineData("flows.x", false)]
    [InlineData("flow", false)]
    [InlineData("payload.flow.x", false)]
    [InlineData("flow[a b].x", false)]
    public void Context_names_are_recognised_as_node_red_does(string name, bool expected) =>
        Assert.Equal(expected, MustacheEmitter.IsContextName(name));

    [Fact]
    public void Template_without_sections_is_one_concat()
    {
        var w = new CodeWriter();
        new MustacheEmitter(_ => "N", () => "Scope").Emit(w, MustacheParser.Parse("Hi {{name}}{{{raw}}}!", out _)!, "Root(msg)", "rendered");
        var code = w.ToString();
        Assert.Contains("var context0 = Root(msg);", code);
        Assert.Contains("var rendered = string.Concat(\"Hi \", global::FlowGen.Runtime.Mustache.Escaped(context0.Lookup(\"name\")), global::FlowGen.Runtime.Mustache.Raw(context0.Lookup(\"raw\")), \"!\");", code);
    }

    [Fact]
    public void Sections_become_loops_over_pushed_contexts_and_inverted_sections_ifs()
    {
        var w = new CodeWriter();
        new MustacheEmitter(_ => "N", () => "Scope").Emit(w, MustacheParser.Parse("{{#items}}- {{name}}{{#tags}}{{.}}{{/tags}}{{/items}}{{^items}}none{{/items}}", out _)!, "Root(msg)", "rendered");
        var code = w.ToString();
        Assert.Contains("foreach (var context1 in global::FlowGen.Runtime.Mustache.Section(context0, context0.Lookup(\"items\")))", code);
        Assert.Contains("text.Append(\"- \");", code);
        Assert.Contains("global::FlowGen.Runtime.Mustache.AppendEscaped(text, context1.Lookup(\"name\"));", code);
        Assert.Contains("foreach (var context2 in global::FlowGen.Runtime.Mustache.Section(context1, context1.Lookup(\"tags\")))", code);
        Assert.Contains("global::FlowGen.Runtime.Mustache.AppendEscaped(text, context2.LookupSelf());", code);
        Assert.Contains("if (global::FlowGen.Runtime.Mustache.IsInvertedShown(context0.Lookup(\"items\")))", code);
        Assert.Contains("var rendered = text.ToString();", code);
    }

    [Fact]
    public void Json_string_positions_map_through_escapes()
    {
        // The file holds "a\n\"\u00e9{{x" : value a, LF, ", é, {, {, x.
        var file = "{\"t\": \"a\\n\\\"\\u00e9{{x\"}";
        var text = SourceText.From(file);
        var start = file.IndexOf("\"a", System.StringComparison.Ordinal);
        var span = TextSpan.FromBounds(start, file.LastIndexOf('"') + 1);
        Assert.Equal(start + 1, JsonStringPositions.ToFilePosition(text, span, 0));
        Assert.Equal(file.IndexOf("\\n", System.StringComparison.Ordinal), JsonStringPositions.ToFilePosition(text, span, 1));
        Assert.Equal(file.IndexOf("\\u00e9", System.StringComparison.Ordinal), JsonStringPositions.ToFilePosition(text, span, 3));
        Assert.Equal(file.IndexOf("{{", System.StringComparison.Ordinal), JsonStringPositions.ToFilePosition(text, span, 4));
        // Past the end: the closing quote.
        Assert.Equal(span.End - 1, JsonStringPositions.ToFilePosition(text, span, 7));
        // A span covering an escaped character covers the whole escape.
        Assert.Equal(new TextSpan(file.IndexOf("\\u00e9", System.StringComparison.Ordinal), 6), JsonStringPositions.ToFileSpan(text, span, 3, 1));
    }

    [Fact]
    public void Parsing_a_long_template_is_linear_enough()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 2000; i++) sb.Append("{{#a}}x{{b}} {{/a}}\n");
        Assert.Equal(2000, MustacheParser.Parse(sb.ToString(), out _)!.Count(n => n is MustacheSection));
    }
}
