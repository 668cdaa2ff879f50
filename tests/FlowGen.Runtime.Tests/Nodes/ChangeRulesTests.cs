using System.Text.RegularExpressions;
using FlowGen.Runtime;
using static FlowGen.Runtime.Tests.Nodes.NodeTestMessages;

namespace FlowGen.Runtime.Tests.Nodes;

public sealed class ChangeRulesTests
{
    private static ChangeSearch Literal(ChangeSearchKind kind, string from) => new(kind, from, new Regex(Regex.Escape(from)));

    [Fact]
    public void Set_creates_parents_and_undefined_deletes()
    {
        var msg = Message("""{"payload":{"a":1}}""");

        ChangeRules.Set(msg, Path("payload.b.c[1]"), "x", Node);
        ChangeRules.Set(msg, Path("payload.a"), JsUndefined.Value, Node);

        Assert.Equal("""{"payload":{"b":{"c":[null,"x"]}}}""", Json(msg));
    }

    [Fact]
    public void Set_below_a_primitive_changes_nothing()
    {
        var msg = Message("""{"payload":"flat"}""");

        ChangeRules.Set(msg, Path("payload.x"), 1.0, Node);

        Assert.Equal("""{"payload":"flat"}""", Json(msg));
    }

    [Fact]
    public void Set_from_message_skips_a_missing_parent_and_deletes_for_a_missing_key()
    {
        var msg = Message("""{"payload":1,"topic":2,"o":{}}""");

        ChangeRules.SetFromMessage(msg, Path("payload"), Path("no.parent"), deepCopy: false, Node);
        ChangeRules.SetFromMessage(msg, Path("topic"), Path("o.missing"), deepCopy: false, Node);

        Assert.Equal("""{"payload":1,"o":{}}""", Json(msg));
    }

    [Fact]
    public void Set_from_message_shares_the_value_unless_deep_copied()
    {
        var msg = Message("""{"src":{"v":1}}""");

        ChangeRules.SetFromMessage(msg, Path("ref"), Path("src"), deepCopy: false, Node);
        ChangeRules.SetFromMessage(msg, Path("copy"), Path("src"), deepCopy: true, Node);

        Assert.Same(msg["src"], msg["ref"]);
        Assert.NotSame(msg["src"], msg["copy"]);
    }

    [Fact]
    public void Set_with_an_undefined_nested_reference_is_skipped()
    {
        var msg = Message("""{"payload":{}}""");

        ChangeRules.Set(msg, Path("payload[msg.topic]"), 1.0, Node);

        Assert.Equal("""{"payload":{}}""", Json(msg));
    }

    [Fact]
    public void Delete_splices_arrays_and_ignores_missing_paths()
    {
        var msg = Message("""{"payload":[1,2,3]}""");

        ChangeRules.Delete(msg, Path("payload[0]"));
        ChangeRules.Delete(msg, Path("nothing.here.at.all"));

        Assert.Equal("""{"payload":[2,3]}""", Json(msg));
    }

    [Fact]
    public void Move_through_temp_lets_a_value_move_into_its_own_child()
    {
        var msg = Message("""{"payload":"bar"}""");

        ChangeRules.Move(msg, Path("payload"), Path("payload.foo"), direct: false, Node);

        Assert.Equal("""{"payload":{"foo":"bar"}}""", Json(msg));
    }

    [Fact]
    public void Move_direct_takes_a_child_up_and_a_missing_source_deletes_the_target()
    {
        var msg = Message("""{"payload":{"a":{"v":1}},"topic":"t"}""");

        ChangeRules.Move(msg, Path("payload.a"), Path("payload"), direct: true, Node);
        ChangeRules.Move(msg, Path("nothing"), Path("topic"), direct: false, Node);

        Assert.Equal("""{"payload":{"v":1}}""", Json(msg));
    }

    [Fact]
    public void Change_exact_string_match_replaces_the_whole_value_with_its_type()
    {
        var msg = Message("""{"a":"123","b":"x123x"}""");

        ChangeRules.Change(msg, Path("a"), Literal(ChangeSearchKind.String, "123"), 456.0, toIsBoolean: false);
        ChangeRules.Change(msg, Path("b"), Literal(ChangeSearchKind.String, "123"), 456.0, toIsBoolean: false);

        Assert.Equal("""{"a":456,"b":"x456x"}""", Json(msg));
    }

    [Fact]
    public void Change_numbers_and_booleans_only_with_their_own_search_kind()
    {
        var msg = Message("""{"n":5,"m":5,"b":true,"c":true}""");

        ChangeRules.Change(msg, Path("n"), Literal(ChangeSearchKind.Number, "5.0"), "five", toIsBoolean: false);
        ChangeRules.Change(msg, Path("m"), Literal(ChangeSearchKind.String, "5"), "five", toIsBoolean: false);
        ChangeRules.Change(msg, Path("b"), Literal(ChangeSearchKind.Boolean, "true"), "yes", toIsBoolean: false);
        ChangeRules.Change(msg, Path("c"), Literal(ChangeSearchKind.Boolean, "TRUE"), "yes", toIsBoolean: false);

        Assert.Equal("""{"n":"five","m":5,"b":"yes","c":true}""", Json(msg));
    }

    [Fact]
    public void Change_to_boolean_turns_a_true_result_into_the_boolean()
    {
        var msg = Message("""{"a":"on","b":"on off"}""");
        var search = new ChangeSearch(ChangeSearchKind.RegExp, "on", new Regex("on"));

        ChangeRules.Change(msg, Path("a"), search, true, toIsBoolean: true);
        ChangeRules.Change(msg, Path("b"), search, true, toIsBoolean: true);

        Assert.Equal("""{"a":true,"b":"true off"}""", Json(msg));
    }

    [Fact]
    public void Change_leaves_objects_and_missing_properties_alone()
    {
        var msg = Message("""{"a":{"x":"1"}}""");

        ChangeRules.Change(msg, Path("a"), Literal(ChangeSearchKind.String, "1"), "2", toIsBoolean: false);
        ChangeRules.Change(msg, Path("b.c"), Literal(ChangeSearchKind.String, "1"), "2", toIsBoolean: false);

        Assert.Equal("""{"a":{"x":"1"}}""", Json(msg));
    }

    [Theory]
    [InlineData("abc", "b", "[$&]", "a[b]c")]
    [InlineData("abc", "b", "$`|$'", "aa|cc")]
    [InlineData("abc", "b", "$$$1$0", "a$$1$0c")]
    [InlineData("abc", "(b)", "<$1$01$10>", "a<bbb0>c")]
    [InlineData("abc", "(b)", "$2", "a$2c")]
    [InlineData("abc", "(x)?b", "[$1]", "a[]c")]
    [InlineData("abc", "", "-", "-a-b-c-")]
    [InlineData("axb", "x*", "-", "-a--b-")]
    public void Replacement_patterns_follow_javascript(string input, string pattern, string replacement, string expected)
    {
        Assert.Equal(expected, ChangeRules.ReplaceAll(input, new Regex(pattern), replacement, null));
    }

    [Fact]
    public void Named_groups_are_substituted_only_when_the_pattern_has_them()
    {
        var regex = new Regex("(a)(b)");

        Assert.Equal("[b]c", ChangeRules.ReplaceAll("abc", regex, "[$<second>]", new string?[] { null, "first", "second" }));
        Assert.Equal("[$<second>]c", ChangeRules.ReplaceAll("abc", regex, "[$<second>]", null));
        Assert.Equal("[]c", ChangeRules.ReplaceAll("abc", regex, "[$<nope>]", new string?[] { null, "first", "second" }));
    }

    [Fact]
    public void Literal_replacement_finds_every_occurrence_or_only_the_first()
    {
        Assert.Equal("x.x.x", ChangeRules.ReplaceLiteral("a.a.a", "a", "x", all: true));
        Assert.Equal("x.a.a", ChangeRules.ReplaceLiteral("a.a.a", "a", "x", all: false));
        Assert.Equal("-a-b-", ChangeRules.ReplaceLiteral("ab", "", "-", all: true));
    }

    [Fact]
    public void From_message_values_pick_the_search_by_their_type()
    {
        var msg = Message("""{"s":"a+a","n":3,"t":"was undefined here","u":"undefined"}""");

        ChangeRules.ChangeFrom(msg, Path("s"), "+", "-", toIsBoolean: false);
        ChangeRules.ChangeFrom(msg, Path("n"), 3.0, "three", toIsBoolean: false);
        ChangeRules.ChangeFrom(msg, Path("t"), JsUndefined.Value, "X", toIsBoolean: false);
        ChangeRules.ChangeFrom(msg, Path("u"), true, "X", toIsBoolean: false);

        Assert.Equal("""{"s":"a-a","n":"three","t":"was X here","u":"X"}""", Json(msg));
    }

    [Fact]
    public void Unsupported_from_types_are_reported()
    {
        Assert.Null(ChangeRules.UnsupportedFrom("s"));
        Assert.Null(ChangeRules.UnsupportedFrom(1.0));
        Assert.Null(ChangeRules.UnsupportedFrom(false));
        Assert.Equal("Invalid 'from' property: unsupported type: undefined", ChangeRules.UnsupportedFrom(JsUndefined.Value)!.Message);
        Assert.Equal("Invalid 'from' property: unsupported type: object", ChangeRules.UnsupportedFrom(null)!.Message);
    }
}
