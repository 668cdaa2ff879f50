using System.Linq;
using FlowGen.Compiler.Nodes;
using Microsoft.CodeAnalysis;

namespace FlowGen.Compiler.Tests;

/// <summary>The change and switch compilers and the JavaScript regex translation they share.</summary>
public sealed class ChangeSwitchTests
{
    private static string Change(string rules) =>
        Flows.With($$"""{"id": "n", "type": "change", "z": "tab1", "rules": {{rules}}, "x": 1, "y": 1, "wires": [["out"]]}""");

    private static string Switch(string rules, string extra = "") =>
        Flows.With($$"""{"id": "n", "type": "switch", "z": "tab1", "property": "payload", "propertyType": "msg", "rules": {{rules}}{{extra}}, "x": 1, "y": 1, "wires": [["out"], ["out"], ["out"], ["out"]]}""");

    /// <summary>Compiles with no diagnostics at all and returns the generated flow source.</summary>
    private static string Compiles(string flow)
    {
        var result = GeneratorHarness.Run(("t.flow.json", flow));
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        return result.Source("t.flow.g.cs");
    }

    /// <summary>Fails with exactly one diagnostic, whose id and text are checked; returns it.</summary>
    private static Diagnostic Fails(string flow, string id, string text)
    {
        var result = GeneratorHarness.Run(("t.flow.json", flow));
        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(text, diagnostic.GetMessage());
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        return diagnostic;
    }

    // ------------------------------------------------------------------ change

    [Theory]
    [InlineData("""[{"t":"set","p":"payload.a","pt":"msg","to":"x","tot":"str"}]""", "ChangeRules.Set(msg, Change_n_Path, \"x\", Change_n_Info);")]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"5","tot":"num"}]""", "Change_n_Number = 5d;")]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"TRUE","tot":"bool"}]""", "Change_n_Boolean = true;")]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"{\"a\":1}","tot":"json"}]""", "Js.DeepClone(Change_n_Json)")]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"[1,2]","tot":"bin"}]""", "new byte[] { 1, 2 }")]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"iso","tot":"date"}]""", "FlowDates.Now(\"iso\")")]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"HOME","tot":"env"}]""", "FlowEnvironment.Evaluate(\"HOME\")")]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"topic","tot":"msg","dc":true}]""", "SetFromMessage(msg, Change_n_Path, Change_n_Path2, true, Change_n_Info)")]
    [InlineData("""[{"t":"set","p":"payload","to":"msg.topic"}]""", "SetFromMessage(msg, Change_n_Path, Change_n_Path2, false")]
    [InlineData("""[{"t":"delete","p":"payload.a","pt":"msg"}]""", "ChangeRules.Delete(msg, Change_n_Path);")]
    [InlineData("""[{"t":"move","p":"payload","pt":"msg","to":"payload.foo","tot":"msg"}]""", "ChangeRules.Move(msg, Change_n_Path, Change_n_Path2, false, Change_n_Info);")]
    [InlineData("""[{"t":"move","p":"payload.a","pt":"msg","to":"payload","tot":"msg"}]""", "ChangeRules.Move(msg, Change_n_Path, Change_n_Path2, true, Change_n_Info);")]
    [InlineData("""[{"t":"change","p":"payload","pt":"msg","from":"a.b","fromt":"str","to":"x","tot":"str"}]""", "new(global::FlowGen.Runtime.ChangeSearchKind.String, \"a.b\", Change_n_Literal)")]
    [InlineData("""[{"t":"change","p":"payload","pt":"msg","from":"12","fromt":"num","to":"x","tot":"str"}]""", "ChangeSearchKind.Number, \"12\"")]
    [InlineData("""[{"t":"change","p":"payload","pt":"msg","from":"true","fromt":"bool","to":"x","tot":"str"}]""", "ChangeSearchKind.Boolean, \"true\"")]
    [InlineData("""[{"t":"change","p":"payload","pt":"msg","from":"(?<w>\\d+)","fromt":"re","to":"$<w>","tot":"str"}]""", "new string?[] { null, \"w\" }")]
    [InlineData("""[{"t":"change","p":"payload","pt":"msg","from":"topic","fromt":"msg","to":"x","tot":"str"}]""", "ChangeRules.UnsupportedFrom(from0) is { } error0")]
    [InlineData("""[{"t":"change","p":"payload","pt":"msg","from":"a","fromt":"str","to":"topic","tot":"msg"}]""", "if (Change_n_Path2.TryGet(msg, out var value0))")]
    public void Change_rules_compile(string rules, string expected)
    {
        Assert.Contains(expected, Compiles(Change(rules)));
    }

    [Fact]
    public void Change_literal_searches_are_escaped_at_build_time()
    {
        var source = Compiles(Change("""[{"t":"change","p":"payload","pt":"msg","from":"a.b*","fromt":"str","to":"x","tot":"str"}]"""));

        Assert.Contains("Regex(\"a\\\\.b\\\\*\"", source);
    }

    [Fact]
    public void Change_legacy_single_rule_form_compiles()
    {
        var flow = Flows.With("""{"id": "n", "type": "change", "z": "tab1", "action": "change", "property": "payload", "from": "(o+)", "to": "[$1]", "reg": true, "x": 1, "y": 1, "wires": [["out"]]}""");

        var source = Compiles(flow);

        Assert.Contains("ChangeSearchKind.RegExp, \"(o+)\"", source);
    }

    [Fact]
    public void Change_context_targets_are_unsupported_at_pt()
    {
        var flow = Change("""[{"t":"set","p":"x","pt":"flow","to":"1","tot":"str"}]""");

        var diagnostic = Fails(flow, "FLOW204", "'flow'");

        var line = flow.Split('\n')[3];
        Assert.Equal(line.IndexOf("\"flow\"", System.StringComparison.Ordinal), diagnostic.Location.GetLineSpan().StartLinePosition.Character);
    }

    [Theory]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"$length(payload)","tot":"jsonata"}]""", "FLOW204", "'jsonata'")]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"x","tot":"global"}]""", "FLOW204", "'global'")]
    [InlineData("""[{"t":"change","p":"payload","pt":"msg","from":"x","fromt":"flow","to":"y","tot":"str"}]""", "FLOW204", "'flow'")]
    [InlineData("""[{"t":"set","p":"payload","pt":"msg","to":"{bad","tot":"json"}]""", "FLOW205", "not valid JSON")]
    [InlineData("""[{"t":"set","p":"pay load","pt":"msg","to":"x","tot":"str"}]""", "FLOW205", "invalid property expression")]
    [InlineData("""[{"t":"copy","p":"payload","pt":"msg"}]""", "FLOW205", "action 'copy'")]
    [InlineData("""[{"t":"change","p":"payload","pt":"msg","from":"(a","fromt":"re","to":"y","tot":"str"}]""", "FLOW207", "Unterminated group")]
    public void Change_configuration_errors(string rules, string id, string text)
    {
        Fails(Change(rules), id, text);
    }

    [Fact]
    public void Invalid_regex_points_at_the_character_inside_the_pattern()
    {
        var flow = Change("""[{"t":"change","p":"payload","pt":"msg","from":"ab**","fromt":"re","to":"y","tot":"str"}]""");

        var diagnostic = Fails(flow, "FLOW207", "Nothing to repeat at position 3");

        var line = flow.Split('\n')[3];
        Assert.Equal(line.IndexOf("ab**", System.StringComparison.Ordinal) + 3, diagnostic.Location.GetLineSpan().StartLinePosition.Character);
    }

    // ------------------------------------------------------------------ switch

    [Theory]
    [InlineData("""[{"t":"eq","v":"a","vt":"str"}]""", "Js.LooseEquals(property, \"a\")")]
    [InlineData("""[{"t":"neq","v":"5","vt":"num"}]""", "!global::FlowGen.Runtime.Js.LooseEquals(property, Switch_n_Number)")]
    [InlineData("""[{"t":"lt","v":"5"}]""", "Js.LessThan(property, Switch_n_Number)")]
    [InlineData("""[{"t":"lte","v":"5","vt":"num"}]""", "Js.LessThanOrEqual(property, Switch_n_Number)")]
    [InlineData("""[{"t":"gt","v":"x"}]""", "Js.GreaterThan(property, \"x\")")]
    [InlineData("""[{"t":"gte","v":"topic","vt":"msg"}]""", "Js.GreaterThanOrEqual(property, global::FlowGen.Runtime.SwitchRules.Read(msg, Switch_n_Path2))")]
    [InlineData("""[{"t":"btwn","v":"1","vt":"num","v2":"10","v2t":"num"}]""", "SwitchRules.Between(property, Switch_n_Number, Switch_n_Number2)")]
    [InlineData("""[{"t":"cont","v":"ab","vt":"str"}]""", "SwitchRules.Contains(property, \"ab\")")]
    [InlineData("""[{"t":"regex","v":"^a\\d$","vt":"str","case":true}]""", "new global::System.Text.RegularExpressions.Regex(\"^a[0-9]\\\\z\", global::System.Text.RegularExpressions.RegexOptions.CultureInvariant | global::System.Text.RegularExpressions.RegexOptions.IgnoreCase)")]
    [InlineData("""[{"t":"regex","v":"topic","vt":"msg"}]""", "SwitchRules.Matches(property, global::FlowGen.Runtime.SwitchRules.Read(msg, Switch_n_Path2), false)")]
    [InlineData("""[{"t":"true"}]""", "property is true")]
    [InlineData("""[{"t":"false"}]""", "property is false")]
    [InlineData("""[{"t":"null"}]""", "Js.IsNullish(property)")]
    [InlineData("""[{"t":"nnull"}]""", "!global::FlowGen.Runtime.Js.IsNullish(property)")]
    [InlineData("""[{"t":"istype","v":"buffer","vt":"buffer"}]""", "SwitchRules.IsType(property, \"buffer\")")]
    [InlineData("""[{"t":"istype","v":"json","vt":"json"}]""", "SwitchRules.IsType(property, \"json\")")]
    [InlineData("""[{"t":"empty"}]""", "SwitchRules.IsEmpty(property)")]
    [InlineData("""[{"t":"nempty"}]""", "SwitchRules.IsNotEmpty(property)")]
    [InlineData("""[{"t":"hask","v":"a","vt":"str"}]""", "SwitchRules.HasKey(property, \"a\")")]
    [InlineData("""[{"t":"head","v":"2","vt":"num"}]""", "SwitchRules.Head(msg, Switch_n_Number)")]
    [InlineData("""[{"t":"tail","v":"2","vt":"num"}]""", "SwitchRules.Tail(msg, Switch_n_Number)")]
    [InlineData("""[{"t":"index","v":"1","vt":"num","v2":"3","v2t":"num"}]""", "SwitchRules.Index(msg, Switch_n_Number, Switch_n_Number2)")]
    [InlineData("""[{"t":"eq","v":"","vt":"prev"}]""", "var previous = Switch_n_Previous.Value;")]
    [InlineData("""[{"t":"eq","v":"","vt":"json"}]""", "Js.LooseEquals(property, \"json\")")]
    [InlineData("""[{"t":"btwn","v":"1","vt":"num"}]""", "Between(property, Switch_n_Number, global::FlowGen.Runtime.JsUndefined.Value)")]
    [InlineData("""[{"t":"eq","v":"PORT","vt":"env"}]""", "FlowEnvironment.Evaluate(\"PORT\")")]
    public void Switch_rules_compile(string rules, string expected)
    {
        Assert.Contains(expected, Compiles(Switch(rules)));
    }

    [Fact]
    public void Rules_that_can_throw_make_the_switch_fail_as_a_flow_error()
    {
        Assert.Contains("catch (global::System.Exception ex)", Compiles(Switch("""[{"t":"head","v":"1","vt":"num"}]""")));
        Assert.DoesNotContain("catch (global::System.Exception ex) when (ex is not global::System.OperationCanceledException)\n            {\n                await msg.Exchange.FailAsync(ex, Switch_n_Info", Compiles(Switch("""[{"t":"eq","v":"1"}]""")));
    }

    [Fact]
    public void Checkall_false_is_an_if_chain_that_ends_at_else()
    {
        var source = Compiles(Switch("""[{"t":"eq","v":"1"},{"t":"eq","v":"2"},{"t":"else"},{"t":"eq","v":"3"}]""", ", \"checkall\": \"false\""));

        Assert.Contains("else if (global::FlowGen.Runtime.Js.LooseEquals(property, Switch_n_Number2))", source);
        Assert.Contains("fire2 = true", source);
        Assert.DoesNotContain("fire3 = true", source);
        Assert.DoesNotContain("elseFlag", source);
    }

    [Theory]
    [InlineData("\"true\"")]
    [InlineData("false")]
    [InlineData("true")]
    public void Anything_but_the_string_false_checks_every_rule(string checkall)
    {
        var source = Compiles(Switch("""[{"t":"eq","v":"1"},{"t":"else"},{"t":"eq","v":"2"},{"t":"else"}]""", ", \"checkall\": " + checkall));

        Assert.Contains("var elseFlag = true;", source);
        Assert.Contains("fire3 = true", source);
        Assert.DoesNotContain("else if", source);
    }

    [Theory]
    [InlineData("""[{"t":"jsonata_exp","v":"payload > 1","vt":"jsonata"}]""", "FLOW204", "jsonata_exp")]
    [InlineData("""[{"t":"eq","v":"x","vt":"flow"}]""", "FLOW204", "'flow'")]
    [InlineData("""[{"t":"eq","v":"$x","vt":"jsonata"}]""", "FLOW204", "'jsonata'")]
    [InlineData("""[{"t":"regex","v":"[b-a]","vt":"str"}]""", "FLOW207", "Range out of order in character class at position 2")]
    [InlineData("""[{"t":"between","v":"1"}]""", "FLOW205", "unknown operator 'between'")]
    [InlineData("""[{"t":"eq","v":"a b","vt":"msg"}]""", "FLOW205", "invalid property expression")]
    public void Switch_configuration_errors(string rules, string id, string text)
    {
        Fails(Switch(rules), id, text);
    }

    [Fact]
    public void Switch_property_type_other_than_msg_or_env_is_unsupported()
    {
        var flow = Flows.With("""{"id": "n", "type": "switch", "z": "tab1", "property": "$x", "propertyType": "jsonata", "rules": [{"t":"else"}], "x": 1, "y": 1, "wires": [["out"]]}""");

        Fails(flow, "FLOW204", "'jsonata'");
    }

    // ------------------------------------------------------------------ regex translation

    [Theory]
    [InlineData(@"\d+", "[0-9]+")]
    [InlineData(@"a.$", @"a[^\n\r\u2028\u2029]\z")]
    [InlineData(@"\w\W", "[a-zA-Z0-9_][^a-zA-Z0-9_]")]
    [InlineData(@"[^]", @"[\u0000-\uffff]")]
    [InlineData(@"[]", "(?!)")]
    [InlineData(@"(a)\1", @"(a)(?(1)\1)")]
    [InlineData(@"\1(a)", @"(?(1)\1)(a)")]
    [InlineData(@"\8", "8")]
    [InlineData(@"\101\0", @"A\u0000")]
    [InlineData(@"\a\e\z", "aez")]
    [InlineData(@"a{2}b{,3}", @"a{2}b\{\,3\}")]
    [InlineData(@"[\d.]", @"[0-9\u002e]")]
    [InlineData(@"[^\D]", @"(?:(?=[0-9])[\u0000-\uffff])")]
    [InlineData(@"[a\S]", @"(?:[\u0061]|[^\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff])")]
    [InlineData(@"(?<y>\d{4})-\k<y>", @"([0-9]{4})\-(?(1)\1)")]
    [InlineData(@"\k", "k")]
    [InlineData(@"\cJ\c1", @"\u000a\\c1")]
    public void Javascript_patterns_translate(string js, string dotnet)
    {
        var regex = ChangeSwitchRegex.Translate(js, out var error, out _);

        Assert.True(regex is not null, error);
        Assert.Equal(dotnet, regex!.Pattern);
        _ = new System.Text.RegularExpressions.Regex(regex.Pattern);
    }

    [Theory]
    [InlineData("(?<a>x)(y)(?<b>z)", 3)]
    [InlineData("(a)(?:b)(?=c)", 1)]
    public void Groups_are_numbered_as_in_javascript(string js, int count)
    {
        var regex = ChangeSwitchRegex.Translate(js, out _, out _)!;

        Assert.Equal(count, regex.GroupCount);
        if (regex.HasNamedGroups) Assert.Equal(new string?[] { null, "a", null, "b" }, regex.GroupNames.ToArray());
    }

    [Theory]
    [InlineData("(", "Unterminated group", 1)]
    [InlineData("a)", "Unmatched ')'", 1)]
    [InlineData("*a", "Nothing to repeat", 0)]
    [InlineData("a{3,2}", "numbers out of order", 1)]
    [InlineData("[z-a]", "Range out of order", 2)]
    [InlineData("abc\\", "\\ at end of pattern", 3)]
    [InlineData("(?i)a", "Invalid group", 0)]
    [InlineData("(?<1a>x)", "Invalid capture group name", 3)]
    [InlineData("(?<a>x)\\k<b>", "Invalid named capture referenced", 7)]
    [InlineData("[abc", "Unterminated character class", 0)]
    public void Invalid_patterns_are_rejected_with_a_position(string js, string message, int position)
    {
        Assert.Null(ChangeSwitchRegex.Translate(js, out var error, out var at));
        Assert.Contains(message, error);
        Assert.Equal(position, at);
    }
}
