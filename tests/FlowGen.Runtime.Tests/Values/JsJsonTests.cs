using System.Linq;
using System;
using System.Buffers;
using System.IO;
using System.Text;

namespace FlowGen.Runtime.Tests.Values;

/// <summary>JSON.stringify and JSON.parse; expected texts and messages recorded from Node.js 20.</summary>
public class JsJsonTests
{
    private const string Awkward = "\u0000\u0007\b\t\n\u000b\f\r\u001f \"\\/\u007f\u00e9\u2028\u2029\ud83d\ude00\ud800x\udc00";

    private const string CompactExpected = "{\"1\":[],\"2\":{},\"b\":1,\"a\":[1,\"x\",null,null,true,{}],\"n\":null,\"i\":null,\"z\":0,\"big\":1e+21,\"small\":1e-7,\"buf\":{\"type\":\"Buffer\",\"data\":[0,255]},\"d\":\"2024-02-29T13:05:09.007Z\",\"k\\\"ey\":\"\\u0000\\u0007\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\u007f\u00e9\u2028\u2029\ud83d\ude00\\ud800x\\udc00\"}";

    private const string PrettyExpected = "{\n    \"1\": [],\n    \"2\": {},\n    \"b\": 1,\n    \"a\": [\n        1,\n        \"x\",\n        null,\n        null,\n        true,\n        {}\n    ],\n    \"n\": null,\n    \"i\": null,\n    \"z\": 0,\n    \"big\": 1e+21,\n    \"small\": 1e-7,\n    \"buf\": {\n        \"type\": \"Buffer\",\n        \"data\": [\n            0,\n            255\n        ]\n    },\n    \"d\": \"2024-02-29T13:05:09.007Z\",\n    \"k\\\"ey\": \"\\u0000\\u0007\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\u007f\u00e9\u2028\u2029\ud83d\ude00\\ud800x\\udc00\"\n}";

    private static JsObject SampleObject()
    {
        var o = new JsObject();
        o["b"] = 1.0;
        o["a"] = JsArray.Of(1.0, "x", null, JsUndefined.Value, true, new JsObject());
        o["2"] = new JsObject();
        o["1"] = new JsArray();
        o["u"] = JsUndefined.Value;
        o["n"] = double.NaN;
        o["i"] = double.NegativeInfinity;
        o["z"] = -0.0;
        o["big"] = 1e21;
        o["small"] = 1e-7;
        o["buf"] = new byte[] { 0, 255 };
        o["d"] = new DateTime(2024, 2, 29, 13, 5, 9, 7, DateTimeKind.Utc);
        o["k\"ey"] = Awkward;
        return o;
    }

    [Fact]
    public void StringifyCompactMatchesNode()
    {
        Assert.Equal(CompactExpected, JsJson.Stringify(SampleObject()));
    }

    [Fact]
    public void StringifyPrettyMatchesNode()
    {
        Assert.Equal(PrettyExpected, JsJson.Stringify(SampleObject(), 4));
    }

    [Fact]
    public void StringifyToUtf8AndWriteGiveTheSameBytes()
    {
        var expected = Encoding.UTF8.GetBytes(PrettyExpected);
        Assert.Equal(expected, JsJson.StringifyToUtf8(SampleObject(), 4));

        var buffer = new ArrayBufferWriter<byte>(1);
        Assert.True(JsJson.Write(buffer, SampleObject(), 4));
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());

        using var stream = new MemoryStream();
        Assert.True(JsJson.Write(stream, SampleObject(), 4));
        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void Utf8OutputOfLongNonAsciiStringsIsWellFormed()
    {
        // Longer than the writer's chunk, with a surrogate pair straddling every chunk boundary candidate.
        var sb = new StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            sb.Append(i % 3 == 0 ? "\ud83d\ude00" : "\u00e9x");
        }

        string s = sb.ToString();
        // Twice: first in a builder that grows chunk by chunk, then in the same builder reused in one chunk.
        for (int round = 0; round < 2; round++)
        {
            var bytes = JsJson.StringifyToUtf8(s)!;
            Assert.Equal("\"" + s + "\"", new UTF8Encoding(false, true).GetString(bytes));
        }
    }

    [Fact]
    public void ParsedShortKeysAreSharedBetweenParses()
    {
        var first = (JsObject)JsJson.Parse("{\"warehouseCode\":1,\"esc\\u0061ped\":2}")!;
        var second = (JsObject)((JsArray)JsJson.Parse("[{\"warehouseCode\":3}]")!)[0]!;
        Assert.Same(first.Keys.First(), second.Keys.First());
        Assert.Equal(["warehouseCode", "escaped"], first.Keys.ToArray());

        // Long keys are not kept.
        var longKey = new string('k', 40);
        var a = (JsObject)JsJson.Parse("{\"" + longKey + "\":1}")!;
        var b = (JsObject)JsJson.Parse("{\"" + longKey + "\":1}")!;
        Assert.Equal(longKey, a.Keys.Single());
        Assert.NotSame(a.Keys.Single(), b.Keys.Single());
    }

    [Fact]
    public void StringifyTopLevelValues()
    {
        Assert.Null(JsJson.Stringify(JsUndefined.Value));
        Assert.Null(JsJson.StringifyToUtf8(JsUndefined.Value));
        Assert.False(JsJson.Write(new ArrayBufferWriter<byte>(), JsUndefined.Value));
        Assert.Equal("null", JsJson.Stringify(null));
        Assert.Equal("true", JsJson.Stringify(true));
        Assert.Equal("5", JsJson.Stringify(5.0));
        Assert.Equal("null", JsJson.Stringify(double.NaN));
        Assert.Equal("null", JsJson.Stringify(double.PositiveInfinity));
        Assert.Equal("0.30000000000000004", JsJson.Stringify(0.1 + 0.2));
        Assert.Equal("\"a/b\"", JsJson.Stringify("a/b"));
        Assert.Equal("\"1970-01-01T00:00:00.000Z\"", JsJson.Stringify(DateTime.UnixEpoch));
        Assert.Equal("{\"type\":\"Buffer\",\"data\":[104,105]}", JsJson.Stringify(Encoding.UTF8.GetBytes("hi")));
        Assert.Equal("{\"type\":\"Buffer\",\"data\":[]}", JsJson.Stringify(Array.Empty<byte>()));
        Assert.Equal("{}", JsJson.Stringify(new System.Text.RegularExpressions.Regex("a")));
        Assert.Equal("7", JsJson.Stringify(7));
    }

    [Fact]
    public void StringifyPrettyPrintingRules()
    {
        var nested = new JsObject();
        var b = new JsObject();
        b["c"] = new JsArray();
        var a = new JsObject();
        a["b"] = b;
        nested["a"] = a;
        nested["e"] = JsArray.Of(new JsArray(), JsArray.Of(new JsObject()));
        Assert.Equal("{\n  \"a\": {\n    \"b\": {\n      \"c\": []\n    }\n  },\n  \"e\": [\n    [],\n    [\n      {}\n    ]\n  ]\n}", JsJson.Stringify(nested, 2));

        Assert.Equal("[\n null\n]", JsJson.Stringify(JsArray.Of(JsUndefined.Value), 1));
        var onlyUndefined = new JsObject();
        onlyUndefined["a"] = JsUndefined.Value;
        Assert.Equal("{}", JsJson.Stringify(onlyUndefined, 3));

        // The indent is clamped to 10; below 1 is compact.
        Assert.Equal("[\n          1,\n          [\n                    2\n          ]\n]", JsJson.Stringify(JsArray.Of(1.0, JsArray.Of(2.0)), 12));
        Assert.Equal("[1]", JsJson.Stringify(JsArray.Of(1.0), -1));
        Assert.Equal("{\n  \"type\": \"Buffer\",\n  \"data\": [\n    104,\n    105\n  ]\n}", JsJson.Stringify(Encoding.UTF8.GetBytes("hi"), 2));
        Assert.Equal("{\n  \"type\": \"Buffer\",\n  \"data\": []\n}", JsJson.Stringify(Array.Empty<byte>(), 2));
    }

    [Fact]
    public void StringifyOrdersIntegerKeysFirst()
    {
        var o = new JsObject();
        o["b"] = 1.0;
        o["10"] = 2.0;
        o["a"] = 3.0;
        o["2"] = 4.0;
        o["01"] = 5.0;
        o["4294967295"] = 6.0;
        o["4294967294"] = 7.0;
        o["-1"] = 8.0;
        Assert.Equal("{\"2\":4,\"10\":2,\"4294967294\":7,\"b\":1,\"a\":3,\"01\":5,\"4294967295\":6,\"-1\":8}", JsJson.Stringify(o));
    }

    [Fact]
    public void QuoteEscapesLikeJavaScript()
    {
        Assert.Equal("\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\u007f\u2028\ud800\udc00x\\udfff\\ud800\"", JsJson.Quote("\u0000\u001f\b\f\n\r\t\"\\/\u007f\u2028\ud800\udc00x\udfff\ud800"));
        Assert.Equal("\"plain\"", JsJson.Quote("plain"));
    }

    [Fact]
    public void StringifyReportsCyclesAsV8Does()
    {
        var self = new JsObject();
        self["self"] = self;
        var e = Assert.Throws<JsTypeError>(() => JsJson.Stringify(self));
        Assert.Equal("Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    --- property 'self' closes the circle", e.Message);

        var array = new JsArray();
        array.Add(array);
        e = Assert.Throws<JsTypeError>(() => JsJson.Stringify(array));
        Assert.Equal("Converting circular structure to JSON\n    --> starting at object with constructor 'Array'\n    --- index 0 closes the circle", e.Message);

        // {p:[{q: <the array>}]}
        var root = new JsObject();
        var p = new JsArray();
        var inner = new JsObject();
        p.Add(inner);
        inner["q"] = p;
        root["p"] = p;
        e = Assert.Throws<JsTypeError>(() => JsJson.Stringify(root));
        Assert.Equal("Converting circular structure to JSON\n    --> starting at object with constructor 'Array'\n    |     index 0 -> object with constructor 'Object'\n    --- property 'q' closes the circle", e.Message);

        // a.p.q.r.t.u.v.s = a.p: long paths are elided.
        var a = new JsObject();
        var start = new JsObject();
        a["p"] = start;
        var current = start;
        foreach (var key in new[] { "q", "r", "t", "u", "v" })
        {
            var next = new JsObject();
            current[key] = next;
            current = next;
        }

        current["s"] = start;
        e = Assert.Throws<JsTypeError>(() => JsJson.Stringify(a));
        Assert.Equal(
            "Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    |     property 'q' -> object with constructor 'Object'\n    |     property 'r' -> object with constructor 'Object'\n    |     ...\n    |     property 'v' -> object with constructor 'Object'\n    --- property 's' closes the circle",
            e.Message);
    }

    [Fact]
    public void StringifyAfterACycleErrorStartsClean()
    {
        // The thread's builder and container stack are reused: a stringify cut short must not leak into the next.
        var self = new JsObject();
        self["self"] = self;
        Assert.Throws<JsTypeError>(() => JsJson.Stringify(new JsObject { ["before"] = "x", ["loop"] = self }));

        var shared = new JsObject { ["k"] = 1.0 };
        Assert.Equal("{\"a\":{\"k\":1},\"b\":{\"k\":1}}", JsJson.Stringify(new JsObject { ["a"] = shared, ["b"] = shared }));
        Assert.Equal("[\"again\"]", JsJson.Stringify(JsArray.Of("again")));
    }

    [Fact]
    public void SharedButAcyclicReferencesAreNotCycles()
    {
        var shared = JsArray.Of(1.0);
        var o = new JsObject();
        o["a"] = shared;
        o["b"] = shared;
        Assert.Equal("{\"a\":[1],\"b\":[1]}", JsJson.Stringify(o));
    }

    [Fact]
    public void ParseBuildsTheValueModel()
    {
        var value = JsJson.Parse(" {\"a\":[1,-2.5e3,true,false,null,\"s\\u00e9\\n\"],\"b\":{},\"c\":[]}\r\n");
        var o = Assert.IsType<JsObject>(value);
        var a = Assert.IsType<JsArray>(o["a"]);
        Assert.Equal(1.0, a[0]);
        Assert.Equal(-2500.0, a[1]);
        Assert.Equal(true, a[2]);
        Assert.Equal(false, a[3]);
        Assert.Null(a[4]);
        Assert.Equal("s\u00e9\n", a[5]);
        Assert.Empty(Assert.IsType<JsObject>(o["b"]).Entries);
        Assert.Empty(Assert.IsType<JsArray>(o["c"]));
    }

    [Fact]
    public void ParseTopLevelScalars()
    {
        Assert.Equal(5.0, JsJson.Parse("5"));
        Assert.Equal(true, JsJson.Parse("true"));
        Assert.Null(JsJson.Parse("null"));
        Assert.Equal("x", JsJson.Parse("\"x\""));
        var negativeZero = Assert.IsType<double>(JsJson.Parse("-0"));
        Assert.True(double.IsNegative(negativeZero));
        Assert.Equal(123456789012345680000.0, JsJson.Parse("123456789012345678901"));
        Assert.Equal(double.PositiveInfinity, JsJson.Parse("1E400"));
        Assert.Equal(0.0, JsJson.Parse("1e-400"));
        Assert.Equal(9007199254740993.0, JsJson.Parse("9007199254740993"));
        Assert.Equal("\ud800", JsJson.Parse("\"\\ud800\""));
        Assert.Equal("\ud83d\ude00", JsJson.Parse("\"\\uD83D\\uDE00\""));
        Assert.Equal("a/b\"\\\b\f\r\t", JsJson.Parse("\"a\\/b\\\"\\\\\\b\\f\\r\\t\""));
    }

    [Fact]
    public void ParseDuplicateKeysKeepFirstPositionAndLastValue()
    {
        var o = Assert.IsType<JsObject>(JsJson.Parse("{\"a\":1,\"b\":2,\"a\":3,\"__proto__\":4}"));
        Assert.Equal("{\"a\":3,\"b\":2,\"__proto__\":4}", JsJson.Stringify(o));
    }

    [Fact]
    public void ParseHandlesDeepNestingWithoutRecursion()
    {
        const int depth = 200_000;
        string text = new string('[', depth) + new string(']', depth);
        object? value = JsJson.Parse(text);
        int levels = 0;
        while (value is JsArray array)
        {
            levels++;
            value = array.Count > 0 ? array[0] : null;
        }

        Assert.Equal(depth, levels);
    }

    [Fact]
    public void ParseUtf8DecodesFirst()
    {
        Assert.Equal("\u00e9", JsJson.Parse(Encoding.UTF8.GetBytes("\"\u00e9\"")));
        Assert.Equal("\ufffd", JsJson.Parse(new byte[] { 0x22, 0xff, 0x22 }));
        var e = Assert.Throws<JsonParseException>(() => JsJson.Parse(new byte[] { 0xEF, 0xBB, 0xBF, 0x31 }));
        Assert.Equal("Unexpected token '\ufeff', \"\ufeff1\" is not valid JSON", e.Message);
    }

    [Fact]
    public void ParseErrorsAreFormatExceptionsWithAPosition()
    {
        var e = Assert.Throws<JsonParseException>(() => JsJson.Parse("{\"a\":1,}"));
        Assert.IsAssignableFrom<FormatException>(e);
        Assert.Equal(7, e.Position);
        Assert.Equal("SyntaxError", e.Name);
    }

    [Theory]
    [InlineData("", "Unexpected end of JSON input")]
    [InlineData(" ", "Unexpected end of JSON input")]
    [InlineData("{", "Expected property name or '}' in JSON at position 1")]
    [InlineData("}", "Unexpected token '}', \"}\" is not valid JSON")]
    [InlineData("[", "Unexpected end of JSON input")]
    [InlineData("]", "Unexpected token ']', \"]\" is not valid JSON")]
    [InlineData("{\"a\":1,}", "Expected double-quoted property name in JSON at position 7")]
    [InlineData("[1,]", "Unexpected token ']', \"[1,]\" is not valid JSON")]
    [InlineData("not json", "Unexpected token 'o', \"not json\" is not valid JSON")]
    [InlineData("{\"a\" 1}", "Expected ':' after property name in JSON at position 5")]
    [InlineData("[1 2]", "Expected ',' or ']' after array element in JSON at position 3")]
    [InlineData("\"abc", "Unterminated string in JSON at position 4")]
    [InlineData("\"a\u0001\"", "Bad control character in string literal in JSON at position 2")]
    [InlineData("\"\\x\"", "Bad escaped character in JSON at position 2")]
    [InlineData("\"\\\u0100\"", "Unexpected token '\u0100', \"\"\\\u0100\"\" is not valid JSON")]
    [InlineData("-", "No number after minus sign in JSON at position 1")]
    [InlineData("-a", "No number after minus sign in JSON at position 1")]
    [InlineData("1e", "Exponent part is missing a number in JSON at position 2")]
    [InlineData("1.", "Unterminated fractional number in JSON at position 2")]
    [InlineData("1.e5", "Unterminated fractional number in JSON at position 2")]
    [InlineData("01", "Unexpected number in JSON at position 1")]
    [InlineData("-01", "Unexpected number in JSON at position 2")]
    [InlineData("{a:1}", "Expected property name or '}' in JSON at position 1")]
    [InlineData("[1]x", "Unexpected non-whitespace character after JSON at position 3")]
    [InlineData("\"\\u12G4\"", "Bad Unicode escape in JSON at position 5")]
    [InlineData("\ufeff1", "Unexpected token '\ufeff', \"\ufeff1\" is not valid JSON")]
    [InlineData("tru", "Unexpected end of JSON input")]
    [InlineData("trux", "Unexpected token 'x', \"trux\" is not valid JSON")]
    [InlineData("nul\"", "Unexpected string in JSON at position 3")]
    [InlineData("nu1", "Unexpected number in JSON at position 2")]
    [InlineData("{\"a\":}", "Unexpected token '}', \"{\"a\":}\" is not valid JSON")]
    [InlineData("{\"a\"", "Expected ':' after property name in JSON at position 4")]
    [InlineData("{\"a\":", "Unexpected end of JSON input")]
    [InlineData("{\"a\":1", "Expected ',' or '}' after property value in JSON at position 6")]
    [InlineData("{\"a\":1 \"b\"}", "Expected ',' or '}' after property value in JSON at position 7")]
    [InlineData("{\"a\":1,\"b\"}", "Unexpected token '}', \"{\"a\":1,\"b\"}\" is not valid JSON")]
    [InlineData("{\"a\":1,\"b\" 2}", "Unexpected number in JSON at position 11")]
    [InlineData("{\"a\":1,\"b\"", "Unexpected end of JSON input")]
    [InlineData("{,}", "Expected property name or '}' in JSON at position 1")]
    [InlineData("[,1]", "Unexpected token ',', \"[,1]\" is not valid JSON")]
    [InlineData("'a'", "Unexpected token ''', \"'a'\" is not valid JSON")]
    [InlineData("NaN", "\"NaN\" is not valid JSON")]
    [InlineData("Infinity", "\"Infinity\" is not valid JSON")]
    [InlineData("undefined", "\"undefined\" is not valid JSON")]
    [InlineData("[object Object]", "\"[object Object]\" is not valid JSON")]
    [InlineData("-Infinity", "No number after minus sign in JSON at position 1")]
    [InlineData("x23456789012345678901234567890", "Unexpected token 'x', \"x234567890\"... is not valid JSON")]
    [InlineData("1234567890123456789012345678901234567890x", "Unexpected non-whitespace character after JSON at position 40")]
    [InlineData("[1,2,3,4,5,6,7,8,9,x,1,2,3,4,5,6,7,8,9]", "Unexpected token 'x', ...\"5,6,7,8,9,x,1,2,3,4,\"... is not valid JSON")]
    [InlineData("[1,2,3,4,5,6,7,8,9,0,1,2,3,x]", "Unexpected token 'x', ...\"9,0,1,2,3,x]\" is not valid JSON")]
    [InlineData("12345678901234567890x", "Unexpected non-whitespace character after JSON at position 20")]
    [InlineData("x1234567890123456789", "Unexpected token 'x', \"x1234567890123456789\" is not valid JSON")]
    [InlineData("x12345678901234567890", "Unexpected token 'x', \"x123456789\"... is not valid JSON")]
    [InlineData("// comment", "Unexpected token '/', \"// comment\" is not valid JSON")]
    [InlineData("[1] // c", "Unexpected non-whitespace character after JSON at position 4")]
    [InlineData("{\"a\":1}\n\n}", "Unexpected non-whitespace character after JSON at position 9")]
    [InlineData("\"\\", "Unexpected end of JSON input")]
    [InlineData("\"\\u", "Bad Unicode escape in JSON at position 3")]
    [InlineData("\"\\u1", "Bad Unicode escape in JSON at position 4")]
    [InlineData("1 2", "Unexpected non-whitespace character after JSON at position 2")]
    [InlineData("\t\n\r [1]\r\n\u00a0", "Unexpected non-whitespace character after JSON at position 9")]
    [InlineData("{\"a\":1,\n\"b\":x}", "Unexpected token 'x', \"{\"a\":1,\n\"b\":x}\" is not valid JSON")]
    public void ParseErrorMessagesMatchNode(string text, string message)
    {
        var e = Assert.Throws<JsonParseException>(() => JsJson.Parse(text));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ParseErrorPositionsCountLoneSurrogatesAsOneUnit()
    {
        // Not an InlineData case: xunit's theory serialization cannot carry lone surrogates.
        var e = Assert.Throws<JsonParseException>(() => JsJson.Parse("[\"\ud800\" x]"));
        Assert.Equal("Expected ',' or ']' after array element in JSON at position 5", e.Message);
    }

    [Fact]
    public void RoundTripKeepsText()
    {
        const string text = "{\"0\":[1.5,\"x\",{\"y\":null}],\"a\":\"\\u0001\u00e9\",\"b\":true}";
        Assert.Equal(text, JsJson.Stringify(JsJson.Parse(text)));
    }
}
