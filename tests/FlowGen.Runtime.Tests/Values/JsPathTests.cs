using System;
using System.Text;

namespace FlowGen.Runtime.Tests.Values;

/// <summary>
/// Property expressions: parsing as normalisePropertyExpression, reading as getMessageProperty, writing and deleting
/// as setMessageProperty. Table cases were recorded by running @node-red/util 4.1.15.
/// </summary>
public class JsPathTests
{
    [Theory]
    [InlineData("payload", "[\"payload\"]")]
    [InlineData("msg.payload", "[\"msg\",\"payload\"]")]
    [InlineData("a.b-c", "[\"a\",\"b-c\"]")]
    [InlineData("a.0.b", "[\"a\",0,\"b\"]")]
    [InlineData("a.0[1]", "[\"a\",\"0\",1]")]
    [InlineData("a.0", "[\"a\",\"0\"]")]
    [InlineData("0.a", "[0,\"a\"]")]
    [InlineData("a[\"0\"]", "[\"a\",\"0\"]")]
    [InlineData("a[1.2]", "[\"a\",1,2]")]
    [InlineData("a[01]", "[\"a\",1]")]
    [InlineData("a[0]b", "[\"a\",0,\"b\"]")]
    [InlineData("a[\"b\"]c", "[\"a\",\"b\",\"c\"]")]
    [InlineData("a[\"b\"].c", "[\"a\",\"b\",\"c\"]")]
    [InlineData("\"a\".b", "[\"a\",\"b\"]")]
    [InlineData("\"a\"", "[\"a\"]")]
    [InlineData("a[\"b.c\"]", "[\"a\",\"b.c\"]")]
    [InlineData("a['b\"c']", "[\"a\",\"b\\\"c\"]")]
    [InlineData("$x._y", "[\"$x\",\"_y\"]")]
    [InlineData("a.b$[0]", "[\"a\",\"b$\",0]")]
    [InlineData("a[0][1]", "[\"a\",0,1]")]
    [InlineData("a.1.2", "[\"a\",1,\"2\"]")]
    [InlineData("a[\"c d\"]", "[\"a\",\"c d\"]")]
    [InlineData("a['x'].y", "[\"a\",\"x\",\"y\"]")]
    [InlineData("a.99999999999.b", "[\"a\",99999999999,\"b\"]")]
    [InlineData("a.B_9.$", "[\"a\",\"B_9\",\"$\"]")]
    [InlineData("a-b.c", "[\"a-b\",\"c\"]")]
    [InlineData("a[10]", "[\"a\",10]")]
    [InlineData("ab.cd.ef", "[\"ab\",\"cd\",\"ef\"]")]
    [InlineData("a\u00e9.b", "[\"a\u00e9\",\"b\"]")]
    public void ParseMatchesNodeRed(string text, string parts)
    {
        Assert.Equal(parts, Describe(JsPath.Parse(text)));
    }

    [Theory]
    [InlineData("", "Invalid property expression: zero-length")]
    [InlineData(".a", "Invalid property expression: unexpected . at position 0")]
    [InlineData("a..b", "Invalid property expression: unexpected . at position 2")]
    [InlineData("a.", "Invalid property expression: unterminated expression")]
    [InlineData("a b", "Invalid property expression: unexpected ' ' at position 1")]
    [InlineData("a[b]", "Invalid property expression: unexpected b at position 2")]
    [InlineData("a[-1]", "Invalid property expression: unexpected - at position 2")]
    [InlineData("a[", "Invalid property expression: unterminated expression")]
    [InlineData("a[\"b", "Invalid property expression: unterminated expression")]
    [InlineData("a[\"\"]", "Invalid property expression: zero-length string at position 3")]
    [InlineData("a.-b", "Invalid property expression: unexpected - at position 2")]
    [InlineData("a[1b]", "Invalid property expression: unexpected array expression at position 2")]
    [InlineData("a]", "Invalid property expression: unexpected ] at position 1")]
    [InlineData("[0]", "Invalid property expression: unexpected [ at position 0")]
    [InlineData("a.\"b\"", "Invalid property expression: unexpected \" at position 2")]
    [InlineData("a[msg.b", "Invalid property expression: unmatched '[' at position 1")]
    [InlineData("a[msg.]", "Invalid expression started at position 2")]
    [InlineData("a[msg.b c]", "Invalid expression started at position 2")]
    [InlineData("a.b.", "Invalid property expression: unterminated expression")]
    [InlineData("a[ 1]", "Invalid property expression: unexpected   at position 2")]
    [InlineData("a[\"b\"", "Invalid property expression: unexpected array expression at position 3")]
    [InlineData("a[1]]", "Invalid property expression: unexpected ] at position 4")]
    [InlineData("a.b\"c", "Invalid property expression: unexpected \" at position 3")]
    [InlineData("ab\"c\"", "Invalid property expression: unexpected \" at position 2")]
    [InlineData("a[\"b\"x]", "Invalid property expression: unexpected array expression at position 3")]
    [InlineData("a.\u00e9", "Invalid property expression: unexpected \u00e9 at position 2")]
    [InlineData("a['']", "Invalid property expression: zero-length string at position 3")]
    [InlineData("a[0", "Invalid property expression: unterminated expression")]
    [InlineData("a\"b\"", "Invalid property expression: unexpected \" at position 1")]
    [InlineData("\"a\"b", "Invalid property expression: unexpected b expression at position 3")]
    [InlineData("a[0] ", "Invalid property expression: unexpected ' ' at position 4")]
    public void ParseErrorsMatchNodeRed(string text, string message)
    {
        var e = Assert.Throws<JsPathException>(() => JsPath.Parse(text));
        Assert.Equal(message, e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
        Assert.Equal("INVALID_EXPR", e.Code);
        Assert.Equal(message, JsPath.Validate(text));
    }

    [Fact]
    public void DottedDigitsAreNumbersOnlyWhenAnotherDotFollows()
    {
        Assert.Equal(PathSegment.Index(0), JsPath.Parse("a.0.b").Segments[1]);
        Assert.Equal(PathSegment.Key("0"), JsPath.Parse("a.0[1]").Segments[1]);
        Assert.Equal(PathSegment.Key("0"), JsPath.Parse("a.0").Segments[1]);
        Assert.Equal(PathSegment.Key("0"), JsPath.Parse("a[\"0\"]").Segments[1]);
        Assert.Equal(PathSegment.Index(0), JsPath.Parse("a[0]").Segments[1]);
    }

    [Fact]
    public void NestedReferencesAreParsedRelativeToTheMessage()
    {
        var path = JsPath.Parse("a[msg.topic.x].b");
        Assert.True(path.HasReferences);
        Assert.Equal(3, path.Segments.Count);
        var nested = path.Segments[1];
        Assert.Equal(PathSegmentKind.Ref, nested.Kind);
        Assert.Equal(2, nested.NestedPosition);
        Assert.Equal("msg.topic.x", nested.Nested.Text);
        Assert.Equal("[\"topic\",\"x\"]", Describe(nested.Nested));

        // Only "msg." is stripped; "msg[" is kept, as getMessageProperty does.
        Assert.Equal("[\"msg\",\"b\"]", Describe(JsPath.Parse("x[msg[\"b\"]]").Segments[1].Nested));
        Assert.Equal("[\"a\",{\"ref\":[\"b\",{\"ref\":[\"c\"]}]}]", Describe(JsPath.Parse("a[msg.b[msg.c]]")));
    }

    [Fact]
    public void ParseKeepsMsgButForMessageStripsIt()
    {
        Assert.Equal("[\"msg\",\"payload\"]", Describe(JsPath.Parse("msg.payload")));
        var path = JsPath.ForMessage("msg.payload.x");
        Assert.Equal("[\"payload\",\"x\"]", Describe(path));
        Assert.Equal("msg.payload.x", path.Text);
        Assert.Equal("[\"payload\"]", Describe(JsPath.ForMessage("payload")));
        Assert.Equal("[\"msg\",0]", Describe(JsPath.ForMessage("msg[0]")));

        // Errors are positioned in the stripped text, as in Node-RED.
        var e = Assert.Throws<JsPathException>(() => JsPath.ForMessage("msg.a b"));
        Assert.Equal("Invalid property expression: unexpected ' ' at position 1", e.Message);
        e = Assert.Throws<JsPathException>(() => JsPath.ForMessage("msg."));
        Assert.Equal("Invalid property expression: zero-length", e.Message);
    }

    [Fact]
    public void LongDigitRunsBecomeLargeNumbers()
    {
        var segment = JsPath.Parse("a.99999999999.b").Segments[1];
        Assert.Equal(PathSegmentKind.Index, segment.Kind);
        Assert.Equal(99999999999.0, segment.Number);
        Assert.Equal(int.MaxValue, segment.IndexValue);
    }

    [Fact]
    public void ConstructorTakesCompiledSegments()
    {
        var path = new JsPath("msg.a[0]", [PathSegment.Key("a"), PathSegment.Index(0)]);
        Assert.Equal(JsPath.ForMessage("msg.a[0]"), path);
        Assert.Equal("msg.a[0]", path.ToString());
        Assert.Throws<ArgumentException>(() => new JsPath("x", []));
        Assert.Throws<ArgumentException>(() => new JsPath("x", [default]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PathSegment.Index(-1));
        Assert.Throws<InvalidOperationException>(() => PathSegment.Key("a").Number);
        Assert.Throws<InvalidOperationException>(() => PathSegment.Index(1).Name);
    }

    [Fact]
    public void CompiledReferencesWithoutPositionFindItInTheText()
    {
        var topic = JsPath.ForMessage("msg.topic");
        var path = new JsPath("msg.a[msg.topic]", [PathSegment.Key("a"), PathSegment.Ref(topic)]);
        var e = Assert.Throws<JsPathException>(() => path.Get(new JsObject()));
        Assert.Equal("Invalid expression started at position 2", e.Message);

        var strippedNested = new JsPath("a[msg.topic]", [PathSegment.Key("a"), PathSegment.Ref(new JsPath("topic", [PathSegment.Key("topic")]))]);
        e = Assert.Throws<JsPathException>(() => strippedNested.Get(new JsObject()));
        Assert.Equal("Invalid expression started at position 2", e.Message);

        var explicitPosition = new JsPath("a[msg.topic]", [PathSegment.Key("a"), PathSegment.Ref(topic, 2)]);
        e = Assert.Throws<JsPathException>(() => explicitPosition.Get(new JsObject()));
        Assert.Equal("Invalid expression started at position 2", e.Message);
    }

    [Theory]
    [InlineData("{\"a\":{\"b\":1}}", "a.b", "1")]
    [InlineData("{\"a\":{\"b\":1}}", "msg.a.b", "1")]
    [InlineData("{\"a\":{}}", "a.b", "undefined")]
    [InlineData("{}", "a", "undefined")]
    [InlineData("{}", "a.b", "throws Cannot read properties of undefined (reading 'b')")]
    [InlineData("{\"a\":null}", "a.b", "throws Cannot read properties of null (reading 'b')")]
    [InlineData("{\"a\":[]}", "a[0].b", "throws Cannot read properties of undefined (reading 'b')")]
    [InlineData("{}", "a.b.c", "throws Cannot read properties of undefined (reading 'b')")]
    [InlineData("{\"s\":\"abc\"}", "s[1]", "\"b\"")]
    [InlineData("{\"s\":\"abc\"}", "s.length", "3")]
    [InlineData("{\"s\":\"abc\"}", "s.x", "undefined")]
    [InlineData("{\"s\":\"abc\"}", "s.x.y", "throws Cannot read properties of undefined (reading 'y')")]
    [InlineData("{\"s\":\"abc\"}", "s[5]", "undefined")]
    [InlineData("{\"s\":\"abc\"}", "s[\"1\"]", "\"b\"")]
    [InlineData("{\"a\":[1,2,3]}", "a.length", "3")]
    [InlineData("{\"a\":[1,2,3]}", "a[\"2\"]", "3")]
    [InlineData("{\"a\":[1,2,3]}", "a.1", "2")]
    [InlineData("{\"a\":[1,2,3]}", "a[\"01\"]", "undefined")]
    [InlineData("{\"a\":[1,[2,3]]}", "a[1][0]", "2")]
    [InlineData("{\"a\":{\"0\":\"x\"}}", "a[0]", "\"x\"")]
    [InlineData("{\"a\":5}", "a.b", "undefined")]
    [InlineData("{\"a\":true}", "a.b", "undefined")]
    [InlineData("{\"a\":{\"length\":7}}", "a.length", "7")]
    [InlineData("{\"topic\":\"b\",\"a\":{\"b\":2}}", "a[msg.topic]", "2")]
    [InlineData("{\"a\":{\"b\":2}}", "a[msg.topic]", "throws Invalid expression started at position 2")]
    [InlineData("{\"a\":{\"b\":null}}", "a.b", "null")]
    [InlineData("{\"t\":\"x\",\"a\":{\"x\":{\"y\":3}}}", "a[msg.t].y", "3")]
    [InlineData("{\"i\":1,\"a\":[10,20]}", "a[msg.i]", "20")]
    [InlineData("{\"a\":[10,20]}", "a[msg.a[0]]", "undefined")]
    [InlineData("{\"a\":{\"b\":1}}", "a[\"b\"]", "1")]
    public void GetMatchesNodeRed(string message, string text, string expected)
    {
        var msg = (JsObject)JsJson.Parse(message)!;
        var path = JsPath.ForMessage(text);
        string actual;
        try
        {
            actual = JsJson.Stringify(path.Get(msg)) ?? "undefined";
        }
        catch (Exception e) when (e is JsTypeError or JsPathException)
        {
            actual = "throws " + e.Message;
        }

        Assert.Equal(expected, actual);
        Assert.Equal(!expected.StartsWith("throws", StringComparison.Ordinal), path.TryGet(msg, out _));
    }

    [Theory]
    [InlineData("{}", "x.0.y", "1", null, "true", "{\"x\":[{\"y\":1}]}")]
    [InlineData("{}", "x.0", "1", null, "true", "{\"x\":{\"0\":1}}")]
    [InlineData("{}", "a[0].b", "\"v\"", null, "true", "{\"a\":[{\"b\":\"v\"}]}")]
    [InlineData("{}", "x.y[2]", "\"v\"", null, "true", "{\"x\":{\"y\":[null,null,\"v\"]}}")]
    [InlineData("{}", "msg.payload", "5", null, "true", "{\"payload\":5}")]
    [InlineData("{\"payload\":\"str\"}", "payload.x", "1", null, "false", "{\"payload\":\"str\"}")]
    [InlineData("{\"payload\":5}", "payload.x.y", "1", null, "false", "{\"payload\":5}")]
    [InlineData("{\"a\":null}", "a.b", "1", null, "false", "{\"a\":null}")]
    [InlineData("{\"a\":true}", "a.b", "1", null, "false", "{\"a\":true}")]
    [InlineData("{\"payload\":1}", "payload", "undefined", null, "true", "{}")]
    [InlineData("{\"a\":[1,2,3]}", "a[1]", "undefined", null, "true", "{\"a\":[1,3]}")]
    [InlineData("{\"a\":[1,2,3]}", "a[\"1\"]", "undefined", null, "true", "{\"a\":[1,null,3]}")]
    [InlineData("{\"a\":[1,2,3]}", "a[7]", "undefined", null, "true", "{\"a\":[1,2,3]}")]
    [InlineData("{}", "a.b.c", "undefined", null, "false", "{}")]
    [InlineData("{\"a\":{}}", "a.b.c", "undefined", null, "false", "{\"a\":{}}")]
    [InlineData("{\"a\":{\"b\":{\"c\":1,\"d\":2}}}", "a.b.c", "undefined", null, "true", "{\"a\":{\"b\":{\"d\":2}}}")]
    [InlineData("{}", "a.b.c", "undefined", true, "true", "{\"a\":{\"b\":{}}}")]
    [InlineData("{}", "a.b", "1", false, "false", "{}")]
    [InlineData("{\"a\":{}}", "a.b", "1", false, "true", "{\"a\":{\"b\":1}}")]
    [InlineData("{\"a\":[5]}", "a[0].b", "1", null, "false", "{\"a\":[5]}")]
    [InlineData("{\"a\":[5]}", "a[0].b.c", "1", null, "false", "{\"a\":[5]}")]
    [InlineData("{\"a\":[5]}", "a[0].b.c.d", "1", null, "throws Cannot convert undefined or null to object", "{\"a\":[5]}")]
    [InlineData("{\"a\":[null]}", "a[0].b.c", "1", null, "throws Cannot convert undefined or null to object", "{\"a\":[null]}")]
    [InlineData("{\"a\":[null]}", "a[0].b", "undefined", null, "throws Cannot convert undefined or null to object", "{\"a\":[null]}")]
    [InlineData("{\"a\":[1,2,3]}", "a.length", "1", null, "true", "{\"a\":[1]}")]
    [InlineData("{\"a\":[1,2,3]}", "a.length", "5", null, "true", "{\"a\":[1,2,3,null,null]}")]
    [InlineData("{\"a\":[]}", "a[2]", "\"x\"", null, "true", "{\"a\":[null,null,\"x\"]}")]
    [InlineData("{\"a\":[1,2]}", "a[1]", "null", null, "true", "{\"a\":[1,null]}")]
    [InlineData("{\"a\":[1]}", "a[0].b", "2", null, "false", "{\"a\":[1]}")]
    [InlineData("{\"a\":[[1]]}", "a[0][3]", "2", null, "true", "{\"a\":[[1,null,null,2]]}")]
    [InlineData("{\"a\":{\"0\":\"x\"}}", "a[0]", "\"y\"", null, "true", "{\"a\":{\"0\":\"y\"}}")]
    [InlineData("{\"a\":{}}", "a[0].b", "1", null, "true", "{\"a\":{\"0\":{\"b\":1}}}")]
    [InlineData("{\"a\":\"abc\"}", "a[0]", "\"z\"", null, "false", "{\"a\":\"abc\"}")]
    [InlineData("{\"a\":\"abc\"}", "a.length", "1", null, "false", "{\"a\":\"abc\"}")]
    [InlineData("{\"topic\":\"k\"}", "a[msg.topic].b", "1", null, "true", "{\"topic\":\"k\",\"a\":{\"k\":{\"b\":1}}}")]
    [InlineData("{\"topic\":1}", "a[msg.topic].b", "1", null, "true", "{\"topic\":1,\"a\":[null,{\"b\":1}]}")]
    [InlineData("{\"topic\":true}", "a[msg.topic].b", "1", null, "true", "{\"topic\":true,\"a\":[]}")]
    [InlineData("{}", "a[msg.topic].b", "1", null, "throws Invalid expression started at position 2", "{}")]
    [InlineData("{\"topic\":\"k\",\"a\":{\"k\":5}}", "a[msg.topic]", "undefined", null, "true", "{\"topic\":\"k\",\"a\":{}}")]
    [InlineData("{\"i\":0,\"a\":[1,2]}", "a[msg.i]", "undefined", null, "true", "{\"i\":0,\"a\":[2]}")]
    [InlineData("{\"t\":{\"u\":\"k\"}}", "x[msg.t.u]", "1", null, "true", "{\"t\":{\"u\":\"k\"},\"x\":{\"k\":1}}")]
    [InlineData("{\"t\":{\"u\":\"k\"}}", "x[msg.t.v.w]", "1", null, "throws Invalid expression started at position 2", "{\"t\":{\"u\":\"k\"}}")]
    [InlineData("{\"p\":\"q\",\"q\":\"r\"}", "x[msg[msg.p]]", "1", null, "throws Invalid expression started at position 2", "{\"p\":\"q\",\"q\":\"r\"}")]
    [InlineData("{\"msg\":{\"b\":\"k\"}}", "x[msg[\"b\"]]", "1", null, "true", "{\"msg\":{\"b\":\"k\"},\"x\":{\"k\":1}}")]
    [InlineData("{\"a\":{\"b\":1}}", "a", "{\"c\":[1,{}]}", null, "true", "{\"a\":{\"c\":[1,{}]}}")]
    [InlineData("{\"a\":1}", "a", "null", null, "true", "{\"a\":null}")]
    public void SetMatchesNodeRed(string message, string text, string value, bool? createMissing, string expectedResult, string expectedMessage)
    {
        var msg = (JsObject)JsJson.Parse(message)!;
        object? v = value == "undefined" ? JsUndefined.Value : JsJson.Parse(value);
        string actual;
        try
        {
            actual = JsPath.ForMessage(text).Set(msg, v, createMissing) ? "true" : "false";
        }
        catch (Exception e) when (e is JsTypeError or JsPathException)
        {
            actual = "throws " + e.Message;
        }

        Assert.Equal(expectedResult, actual);
        Assert.Equal(expectedMessage, JsJson.Stringify(msg));
    }

    [Fact]
    public void SetLeavesRealHolesPastTheEnd()
    {
        var msg = new JsObject();
        Assert.True(JsPath.Parse("x.y[2]").Set(msg, "v"));
        var y = (JsArray)((JsObject)msg["x"]!)["y"]!;
        Assert.Equal(3, y.Count);
        Assert.Same(JsUndefined.Value, y[0]);
        Assert.Same(JsUndefined.Value, y[1]);
        Assert.Equal("v", y[2]);
    }

    [Fact]
    public void SetStoresTheValueByReference()
    {
        var msg = new JsObject();
        var value = new JsObject();
        JsPath.Parse("a.b").Set(msg, value);
        Assert.Same(value, JsPath.Parse("a.b").Get(msg));
    }

    [Fact]
    public void DeleteRemovesKeysAndSplicesArrays()
    {
        var msg = (JsObject)JsJson.Parse("{\"a\":{\"b\":1,\"c\":2},\"l\":[1,2,3]}")!;
        Assert.True(JsPath.Parse("a.b").Delete(msg));
        Assert.True(JsPath.Parse("l[0]").Delete(msg));
        Assert.True(JsPath.Parse("nothere").Delete(msg));
        Assert.False(JsPath.Parse("x.y").Delete(msg));
        Assert.Equal("{\"a\":{\"c\":2},\"l\":[2,3]}", JsJson.Stringify(msg));
    }

    [Fact]
    public void BuffersAreIndexable()
    {
        var msg = new JsObject();
        msg["b"] = Encoding.ASCII.GetBytes("AB");
        Assert.Equal(66.0, JsPath.Parse("b[1]").Get(msg));
        Assert.Equal(2.0, JsPath.Parse("b.length").Get(msg));
        Assert.Same(JsUndefined.Value, JsPath.Parse("b[2]").Get(msg));

        Assert.True(JsPath.Parse("b[0]").Set(msg, 300.0));
        Assert.Equal(new byte[] { 44, 66 }, msg["b"]);
        Assert.True(JsPath.Parse("b[1]").Set(msg, -1.0));
        Assert.Equal(new byte[] { 44, 255 }, msg["b"]);
        Assert.True(JsPath.Parse("b[5]").Set(msg, 1.0));
        Assert.Equal(2, ((byte[])msg["b"]!).Length);

        // Buffer.length is a getter on the prototype: not an own property, assignment ignored.
        Assert.True(JsPath.Parse("b.length").Set(msg, 9.0));
        Assert.Equal(2.0, JsPath.Parse("b.length").Get(msg));
    }

    [Fact]
    public void NamedPropertiesOnArraysAreReadableButNotSerialized()
    {
        var msg = (JsObject)JsJson.Parse("{\"a\":[1]}")!;
        Assert.True(JsPath.Parse("a.x.y").Set(msg, 5.0));
        Assert.Equal(5.0, JsPath.Parse("a.x.y").Get(msg));
        Assert.Equal("{\"a\":[1]}", JsJson.Stringify(msg));
        Assert.Equal("{\"a\":[1]}", JsJson.Stringify(Js.DeepClone(msg)));
        Assert.Same(JsUndefined.Value, JsPath.Parse("a.x").Get((JsObject)Js.DeepClone(msg)!));
        Assert.True(JsPath.Parse("a.x").Delete(msg));
        Assert.Same(JsUndefined.Value, JsPath.Parse("a.x").Get(msg));
    }

    [Fact]
    public void SettingAnInvalidArrayLengthIsARangeError()
    {
        var msg = (JsObject)JsJson.Parse("{\"a\":[1]}")!;
        Assert.Equal("Invalid array length", Assert.Throws<JsRangeError>(() => JsPath.Parse("a.length").Set(msg, -1.0)).Message);
        Assert.Throws<JsRangeError>(() => JsPath.Parse("a[4000000000]").Set(msg, 1.0));
    }

    [Fact]
    public void ReferencesCanBeResolvedAgainstAnotherObject()
    {
        var store = (JsObject)JsJson.Parse("{\"users\":{\"ann\":{\"age\":3}}}")!;
        var msg = (JsObject)JsJson.Parse("{\"name\":\"ann\"}")!;
        var path = JsPath.Parse("users[msg.name].age");
        Assert.Equal(3.0, path.Get(store, msg));
        Assert.True(path.TryGet(store, msg, out var age));
        Assert.Equal(3.0, age);
        Assert.True(path.Set(store, 4.0, msg));
        Assert.Equal("{\"users\":{\"ann\":{\"age\":4}}}", JsJson.Stringify(store));
        Assert.False(path.TryGet(store, new JsObject(), out var missing));
        Assert.Same(JsUndefined.Value, missing);
    }

    [Fact]
    public void LazyObjectsMaterializeThroughPaths()
    {
        var req = new LazyObject();
        var msg = new JsObject();
        msg["req"] = req;
        Assert.Equal("text/plain", JsPath.Parse("req.headers[\"content-type\"]").Get(msg));
        Assert.True(JsPath.Parse("req.headers.x").Set(msg, "y"));
        Assert.Equal(1, req.Computed);
        Assert.Equal("y", JsPath.Parse("req.headers.x").Get(msg));
    }

    /// <summary>A JSON-like description of the parts: keys as strings, numbers as numbers, references as {"ref": parts}.</summary>
    private static string Describe(JsPath path)
    {
        var parts = new JsArray();
        foreach (var segment in path.Segments)
        {
            switch (segment.Kind)
            {
                case PathSegmentKind.Key:
                    parts.Add(segment.Name);
                    break;
                case PathSegmentKind.Index:
                    parts.Add(segment.Number);
                    break;
                default:
                    var reference = new JsObject();
                    reference["ref"] = JsJson.Parse(Describe(segment.Nested));
                    parts.Add(reference);
                    break;
            }
        }

        return JsJson.Stringify(parts)!;
    }

    private sealed class LazyObject : JsObject
    {
        private bool _headersDone;

        public LazyObject()
            : base(hasLazyProperties: true)
        {
        }

        public int Computed { get; private set; }

        protected override void Materialize(string key)
        {
            if (key == "headers")
            {
                MaterializeAll();
            }
        }

        protected override void MaterializeAll()
        {
            if (_headersDone)
            {
                return;
            }

            _headersDone = true;
            Computed++;
            var headers = new JsObject();
            headers["content-type"] = "text/plain";
            SetOwn("headers", headers);
        }
    }
}
