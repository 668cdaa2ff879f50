using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGen.Runtime.Tests.Nodes;

/// <summary>The helpers compiled templates call, against mustache.js 4.2.0 and Node-RED's template node.</summary>
public sealed class MustacheRuntimeTests
{
    internal static FlowMessage Message(object? payload = null)
    {
        var host = new FlowHost(new ServiceCollection().BuildServiceProvider());
        var msg = new FlowMessage(new FlowExchange(new DefaultHttpContext(), host));
        if (payload is not null) msg["payload"] = payload;
        return msg;
    }

    private static JsObject Obj(params (string Key, object? Value)[] properties)
    {
        var o = new JsObject();
        foreach (var (key, value) in properties) o[key] = value;
        return o;
    }

    private static List<MustacheContext> Contexts(MustacheContext context, object? value)
    {
        var result = new List<MustacheContext>();
        foreach (var c in Mustache.Section(context, value)) result.Add(c);
        return result;
    }

    [Fact]
    public void Escape_maps_the_eight_html_characters()
    {
        Assert.Equal("&amp;&lt;&gt;&quot;&#39;&#x2F;&#x60;&#x3D; é", Mustache.Escape("&<>\"'/`= é"));
        var plain = "nothing to escape";
        Assert.Same(plain, Mustache.Escape(plain));
    }

    [Fact]
    public void Escaped_converts_values_as_string_and_skips_null_and_undefined()
    {
        Assert.Equal("", Mustache.Escaped(null));
        Assert.Equal("", Mustache.Escaped(JsUndefined.Value));
        Assert.Equal("1e+21", Mustache.Escaped(1e21));
        Assert.Equal("0", Mustache.Escaped(-0.0));
        Assert.Equal("-1.5", Mustache.Escaped(-1.5));
        Assert.Equal("NaN", Mustache.Escaped(double.NaN));
        Assert.Equal("false", Mustache.Escaped(false));
        Assert.Equal("1,a,,[object Object],2,3", Mustache.Escaped(JsArray.Of(1d, "a", null, new JsObject(), JsArray.Of(2d, 3d))));
        Assert.Equal("[object Object]", Mustache.Escaped(new JsObject()));
        Assert.Equal("&lt;b&gt;", Mustache.Escaped(Encoding.UTF8.GetBytes("<b>")));
        Assert.Equal("a&#x2F;b", Mustache.Escaped(JsArray.Of("a/b")));
    }

    [Fact]
    public void Raw_converts_without_escaping()
    {
        Assert.Equal("", Mustache.Raw(null));
        Assert.Equal("<b>", Mustache.Raw("<b>"));
        Assert.Equal("1,<i>", Mustache.Raw(JsArray.Of(1d, "<i>")));
        Assert.Equal("true", Mustache.Raw(true));
        var sb = new StringBuilder();
        Mustache.AppendRaw(sb, "<x>");
        Mustache.AppendEscaped(sb, "<x>");
        Assert.Equal("<x>&lt;x&gt;", sb.ToString());
    }

    [Fact]
    public void Json_escape_covers_backslash_and_control_characters_but_not_quotes()
    {
        Assert.Equal("a\\\\b\\nc\\td\\re\\ff\\bg\"h", Mustache.EscapeJsonString("a\\b\nc\td\re\ff\bg\"h"));
    }

    [Fact]
    public void Plain_names_are_found_in_the_innermost_object_that_has_them()
    {
        var root = MustacheContext.Root(Obj(("a", "root"), ("b", 1d)));
        var inner = root.Push(Obj(("a", "inner")));
        Assert.Equal("inner", inner.Lookup("a"));
        Assert.Equal(1d, inner.Lookup("b"));
        Assert.Equal("", inner.Lookup("c"));
    }

    [Fact]
    public void A_property_that_is_undefined_stops_the_search_and_renders_empty()
    {
        var root = MustacheContext.Root(Obj(("a", "root")));
        var inner = root.Push(Obj(("a", JsUndefined.Value)));
        Assert.Equal("", inner.Lookup("a"));
        Assert.Equal("", inner.Lookup(new[] { "a", "x" }));
    }

    [Fact]
    public void Plain_names_do_not_read_properties_of_primitive_views()
    {
        // {{#s}}{{length}}{{/s}} on a string: mustache.js only asks objects for plain names.
        var root = MustacheContext.Root(Obj(("length", "root length")));
        Assert.Equal("root length", root.Push("abc").Lookup("length"));
        Assert.Equal("root length", root.Push(5d).Lookup("length"));
    }

    [Fact]
    public void Dotted_names_walk_objects_arrays_strings_and_buffers()
    {
        var payload = Obj(("s", "abc"), ("list", JsArray.Of("x", "y")), ("buf", new byte[] { 7, 8 }), ("o", Obj(("k", Obj(("v", 3d))))));
        var root = MustacheContext.Root(Obj(("payload", payload)));
        Assert.Equal(3d, root.Lookup(new[] { "payload", "s", "length" }));
        Assert.Equal("b", root.Lookup(new[] { "payload", "s", "1" }));
        Assert.Equal("", root.Lookup(new[] { "payload", "s", "9" }));
        Assert.Equal(2d, root.Lookup(new[] { "payload", "list", "length" }));
        Assert.Equal("y", root.Lookup(new[] { "payload", "list", "1" }));
        Assert.Equal(8d, root.Lookup(new[] { "payload", "buf", "1" }));
        Assert.Equal(3d, root.Lookup(new[] { "payload", "o", "k", "v" }));
        Assert.Equal("", root.Lookup(new[] { "payload", "o", "missing", "v" }));
        Assert.Equal("", root.Lookup(new[] { "payload", "s", "length", "x" }));
    }

    [Fact]
    public void Dotted_names_fall_back_to_parent_contexts()
    {
        var root = MustacheContext.Root(Obj(("payload", Obj(("n", 1d)))));
        var inner = root.Push(Obj(("payload", Obj(("other", 2d)))));
        // The inner payload has no n: the lookup goes on to the root.
        Assert.Equal(1d, inner.Lookup(new[] { "payload", "n" }));
        Assert.Equal(2d, inner.Lookup(new[] { "payload", "other" }));
    }

    [Fact]
    public void Null_or_undefined_view_throws_for_plain_names_as_javascript_does()
    {
        var root = MustacheContext.Root(Obj(("name", "root")));
        var error = Assert.Throws<FlowError>(() => root.Push(null).Lookup("name"));
        Assert.Equal("Cannot read properties of null (reading 'name')", error.Message);
        error = Assert.Throws<FlowError>(() => root.Push(JsUndefined.Value).Lookup("x"));
        Assert.Equal("Cannot read properties of undefined (reading 'x')", error.Message);
        // Dotted names and {{.}} do not throw.
        Assert.Equal("root", root.Push(null).Lookup(new[] { "name", "length" }) is double ? "root" : "?");
        Assert.Null(root.Push(null).LookupSelf());
        Assert.Equal("", root.Push(JsUndefined.Value).LookupSelf());
    }

    [Fact]
    public void Top_level_self_is_the_message_shown_as_an_object()
    {
        var msg = Message("x");
        Assert.Equal("[object Object]", Mustache.Escaped(MustacheContext.Root(msg).LookupSelf()));
    }

    [Fact]
    public void Self_is_the_current_view()
    {
        var msg = Obj(("a", 1d));
        var root = MustacheContext.Root(msg);
        Assert.Same(msg, root.LookupSelf());
        Assert.Equal("item", root.Push("item").LookupSelf());
    }

    [Fact]
    public void Env_names_prefer_the_message_then_read_the_environment()
    {
        Environment.SetEnvironmentVariable("FLOWGEN_MUSTACHE_TEST_VAR", "from/env");
        var scope = new FlowEnvScope(null, ("TAB_VAR", "from the tab"));
        var root = MustacheContext.Root(Obj(("payload", 1d)));
        Assert.Equal("from/env", root.LookupEnv(new[] { "env", "FLOWGEN_MUSTACHE_TEST_VAR" }, scope, "FLOWGEN_MUSTACHE_TEST_VAR"));
        Assert.Equal("from the tab", root.LookupEnv(new[] { "env", "TAB_VAR" }, scope, "TAB_VAR"));
        Assert.Equal("", root.LookupEnv(new[] { "env", "FLOWGEN_MUSTACHE_NOT_SET" }, scope, "FLOWGEN_MUSTACHE_NOT_SET"));
        var shadowed = MustacheContext.Root(Obj(("env", Obj(("FLOWGEN_MUSTACHE_TEST_VAR", "mine")))));
        Assert.Equal("mine", shadowed.LookupEnv(new[] { "env", "FLOWGEN_MUSTACHE_TEST_VAR" }, scope, "FLOWGEN_MUSTACHE_TEST_VAR"));
    }

    [Fact]
    public void Json_escaping_applies_to_root_lookups_only()
    {
        var root = MustacheContext.Root(Obj(("s", "a\nb"), ("list", JsArray.Of("c\td"))), escapeJsonStrings: true);
        Assert.Equal("a\\nb", root.Lookup("s"));
        var item = Contexts(root, root.Lookup("list"))[0];
        Assert.Equal("c\td", item.LookupSelf());
        // Inside a section even root values are not escaped: Node-RED's pushed contexts drop the flag.
        Assert.Equal("a\nb", item.Lookup("s"));
        // A string section pushes the escaped string.
        Assert.Equal("a\\nb", Contexts(root, root.Lookup("s"))[0].LookupSelf());
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(double.NaN)]
    [InlineData("")]
    [InlineData(false)]
    [InlineData(null)]
    public void Falsy_sections_render_nothing_and_inverted_ones_render(object? value)
    {
        var root = MustacheContext.Root(new JsObject());
        Assert.Empty(Contexts(root, value));
        Assert.True(Mustache.IsInvertedShown(value));
    }

    [Fact]
    public void Sections_iterate_arrays_and_push_objects_strings_and_numbers()
    {
        var root = MustacheContext.Root(new JsObject());
        var items = Contexts(root, JsArray.Of("a", null, 3d));
        Assert.Equal(new object?[] { "a", null, 3d }, items.ConvertAll(c => c.View));
        Assert.All(items, c => Assert.Same(root, c.Parent));
        Assert.Empty(Contexts(root, new JsArray()));
        Assert.True(Mustache.IsInvertedShown(new JsArray()));

        var obj = new JsObject();
        Assert.Same(obj, Assert.Single(Contexts(root, obj)).View);
        Assert.Equal("s", Assert.Single(Contexts(root, "s")).View);
        Assert.Equal(2d, Assert.Single(Contexts(root, 2d)).View);
        // true renders once in the same context.
        Assert.Same(root, Assert.Single(Contexts(root, true)));
        Assert.False(Mustache.IsInvertedShown(true));
        Assert.False(Mustache.IsInvertedShown(JsArray.Of(0d)));
    }

    [Fact]
    public void Json_output_parse_errors_are_flow_errors_with_v8_messages()
    {
        Assert.Equal(5d, TemplateNode.ParseJson("5"));
        var error = Assert.Throws<FlowError>(() => TemplateNode.ParseJson("not json"));
        Assert.Equal("Unexpected token 'o', \"not json\" is not valid JSON", error.Message);
        Assert.Throws<FlowError>(() => TemplateNode.ParseJson(JsUndefined.Value));
    }

    [Fact]
    public void Message_template_is_used_when_the_message_has_one()
    {
        var msg = Message();
        Assert.Equal("", TemplateNode.MessageTemplate(msg, ""));
        Assert.Null(TemplateNode.MessageTemplate(msg, null));
        msg["template"] = "from msg {{x}}";
        Assert.Equal("from msg {{x}}", TemplateNode.MessageTemplate(msg, ""));
    }

    [Fact]
    public void Result_is_set_with_missing_parents_created()
    {
        var msg = Message();
        TemplateNode.Set(msg, JsPath.ForMessage("topic.foo.bar"), "v");
        Assert.Equal("v", ((JsObject)((JsObject)msg["topic"]!)["foo"]!)["bar"]);
    }
}
