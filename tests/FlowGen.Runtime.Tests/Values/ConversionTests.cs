using System;
using System.Text;
using System.Text.RegularExpressions;

namespace FlowGen.Runtime.Tests.Values;

/// <summary>String(), ToPrimitive, typeof, truthiness, equality and comparison details (expectations from Node.js 20, TZ=UTC).</summary>
public class ConversionTests
{
    [Fact]
    public void UndefinedIsASingleton()
    {
        Assert.Same(JsUndefined.Value, Js.Undefined);
        Assert.Equal("undefined", JsUndefined.Value.ToString());
        Assert.True(Js.IsUndefined(JsUndefined.Value));
        Assert.False(Js.IsUndefined(null));
        Assert.True(Js.IsNullish(null));
        Assert.True(Js.IsNullish(JsUndefined.Value));
        Assert.False(Js.IsNullish(0.0));
    }

    [Fact]
    public void ArraysJoinRecursivelyAndCyclesBecomeEmpty()
    {
        var a = JsArray.Of(1.0);
        a.Add(a);
        a.Add(JsArray.Of(2.0, JsArray.Of(3.0, null, JsUndefined.Value)));
        Assert.Equal("1,,2,3,,", Js.ToJsString(a));
        Assert.Equal("1;2,3", Js.Join(JsArray.Of(1.0, JsArray.Of(2.0, 3.0)), ";"));
        Assert.Equal("--1", Js.Join(JsArray.Of(null, JsUndefined.Value, 1.0), "-"));
        Assert.Equal("1,a,[object Object]", Js.ToJsString(JsArray.Of(1.0, "a", new JsObject())));
        Assert.Equal("", Js.ToJsString(new JsArray()));
    }

    [Fact]
    public void BuffersBecomeTheirUtf8Text()
    {
        Assert.Equal("h\u00e9", Js.ToJsString(Encoding.UTF8.GetBytes("h\u00e9")));
        Assert.Equal("a\ufffd\ufffdb", Js.ToJsString(new byte[] { 0x61, 0xff, 0xc3, 0x62 }));
    }

    [Fact]
    public void DatesFormatAsNodeInUtc()
    {
        var date = new DateTime(2024, 2, 29, 13, 5, 9, 7, DateTimeKind.Utc);
        Assert.Equal("Thu Feb 29 2024 13:05:09 GMT+0000 (Coordinated Universal Time)", Js.ToJsString(date));
        Assert.Equal("Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)", Js.ToJsString(DateTime.UnixEpoch));
        Assert.Equal("Mon Jan 01 0001 00:00:00 GMT+0000 (Coordinated Universal Time)", Js.DateToString(DateTime.MinValue));
        Assert.Equal("2024-02-29T13:05:09.007Z", Js.DateToIsoString(date));
        Assert.Equal("9999-12-31T23:59:59.999Z", Js.DateToIsoString(DateTime.MaxValue));
        Assert.Equal(1709211909007.0, Js.DateToTimeValue(date));
        Assert.Equal(date, Js.DateFromTimeValue(1709211909007.9));
        Assert.Equal(DateTimeKind.Utc, Js.DateFromTimeValue(0).Kind);
        Assert.Throws<JsRangeError>(() => Js.DateFromTimeValue(double.NaN));
        Assert.Throws<JsRangeError>(() => Js.DateFromTimeValue(1e20));
    }

    [Fact]
    public void OtherValuesToString()
    {
        Assert.Equal("[object Object]", Js.ToJsString(new JsObject()));
        Assert.Equal("/a\\/b/i", Js.ToJsString(new Regex("a\\/b", RegexOptions.IgnoreCase)));
        Assert.Equal("/(?:)/", Js.ToJsString(new Regex("")));
        Assert.Equal("undefined", Js.ToJsString(JsUndefined.Value));
        Assert.Equal("null", Js.ToJsString(null));
        Assert.Equal("true", Js.ToJsString(true));
        Assert.Equal("42", Js.ToJsString(42));
        Assert.Equal("x", Js.ToJsString('x'));
        Assert.Equal("[object Object]", Js.ToJsString(new Version(1, 2)));
    }

    [Fact]
    public void ToPrimitiveHints()
    {
        Assert.Equal(0.0, Js.ToPrimitive(DateTime.UnixEpoch, preferNumber: true));
        Assert.Equal("Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)", Js.ToPrimitive(DateTime.UnixEpoch));
        Assert.Equal("1,2", Js.ToPrimitive(JsArray.Of(1.0, 2.0), preferNumber: true));
        Assert.Equal("[object Object]", Js.ToPrimitive(new JsObject()));
        Assert.Equal("hi", Js.ToPrimitive(Encoding.UTF8.GetBytes("hi")));
        Assert.Same(JsUndefined.Value, Js.ToPrimitive(JsUndefined.Value));
        Assert.Equal(3.0, Js.ToPrimitive(3.0));
    }

    [Fact]
    public void TypeOfAndTruthinessOfOtherValues()
    {
        Assert.Equal("object", Js.TypeOf(new Regex("a")));
        Assert.Equal("number", Js.TypeOf(5));
        Assert.Equal("number", Js.TypeOf(5m));
        Assert.Equal("string", Js.TypeOf('c'));
        Assert.Equal("object", Js.TypeOf(Array.Empty<byte>()));
        Assert.True(Js.ToBoolean(Array.Empty<byte>()));
        Assert.True(Js.ToBoolean(new JsArray()));
        Assert.True(Js.ToBoolean(new JsObject()));
        Assert.True(Js.ToBoolean(DateTime.UnixEpoch));
        Assert.True(Js.ToBoolean("0"));
        Assert.True(Js.ToBoolean(" "));
        Assert.True(Js.ToBoolean(double.NegativeInfinity));
        Assert.False(Js.ToBoolean(0));
        Assert.False(Js.ToBoolean(-0.0));
        Assert.True(Js.ToBoolean(2L));
    }

    [Fact]
    public void NormalizeBringsClrValuesIntoTheModel()
    {
        Assert.Equal(5.0, Js.Normalize(5));
        Assert.Equal(5.0, Js.Normalize((byte)5));
        Assert.Equal(2.5, Js.Normalize(2.5f));
        Assert.Equal("c", Js.Normalize('c'));
        var offset = new DateTimeOffset(2024, 1, 1, 2, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), Js.Normalize(offset));
        var o = new JsObject();
        Assert.Same(o, Js.Normalize(o));
        Assert.Same(JsUndefined.Value, Js.Normalize(JsUndefined.Value));
    }

    [Theory]
    [InlineData("05", 5.0, true)]
    [InlineData("5", 5.0, true)]
    [InlineData(" 5 ", 5.0, true)]
    [InlineData("", 0.0, true)]
    [InlineData("0x10", 16.0, true)]
    [InlineData("abc", double.NaN, false)]
    [InlineData("1e3", 1000.0, true)]
    public void StringEqualsNumberLoosely(string s, double n, bool equal)
    {
        Assert.Equal(equal, Js.LooseEquals(s, n));
        Assert.Equal(equal, Js.LooseEquals(n, s));
        Assert.Equal(!equal, !Js.LooseEquals(s, n));
        Assert.False(Js.StrictEquals(s, n));
    }

    [Fact]
    public void LooseEqualityHighlights()
    {
        Assert.True(Js.LooseEquals(null, JsUndefined.Value));
        Assert.True(Js.LooseEquals(JsUndefined.Value, null));
        Assert.False(Js.LooseEquals(null, 0.0));
        Assert.False(Js.LooseEquals(JsUndefined.Value, 0.0));
        Assert.False(Js.LooseEquals(null, false));
        Assert.False(Js.LooseEquals(null, ""));
        Assert.True(Js.LooseEquals("1", true));
        Assert.True(Js.LooseEquals(true, "1"));
        Assert.False(Js.LooseEquals(true, 5.0));
        Assert.True(Js.LooseEquals(JsArray.Of(1.0), "1"));
        Assert.True(Js.LooseEquals(JsArray.Of(5.0), 5.0));
        Assert.True(Js.LooseEquals(new JsArray(), false));
        Assert.True(Js.LooseEquals(new JsArray(), ""));
        Assert.False(Js.LooseEquals(new JsArray(), new JsArray()));
        Assert.False(Js.LooseEquals(double.NaN, double.NaN));
        Assert.True(Js.LooseEquals(0.0, -0.0));
        Assert.True(Js.LooseEquals(new JsObject(), "[object Object]"));
        Assert.True(Js.LooseEquals(Encoding.UTF8.GetBytes("5"), 5.0));
        Assert.False(Js.LooseEquals(DateTime.UnixEpoch, 0.0));
        Assert.True(Js.LooseEquals(DateTime.UnixEpoch, "Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)"));
        Assert.True(Js.LooseEquals(5, 5.0));
        Assert.True(Js.LooseEquals("5", 5L));
    }

    [Fact]
    public void StrictEqualityHighlights()
    {
        var o = new JsObject();
        Assert.True(Js.StrictEquals(o, o));
        Assert.False(Js.StrictEquals(new JsObject(), new JsObject()));
        Assert.True(Js.StrictEquals(null, null));
        Assert.False(Js.StrictEquals(null, JsUndefined.Value));
        Assert.True(Js.StrictEquals(JsUndefined.Value, JsUndefined.Value));
        Assert.False(Js.StrictEquals(double.NaN, double.NaN));
        Assert.True(Js.StrictEquals(-0.0, 0.0));
        Assert.True(Js.StrictEquals("a", "a"));
        Assert.False(Js.StrictEquals("1", 1.0));
        Assert.True(Js.StrictEquals(1, 1.0));
        object date = DateTime.UnixEpoch;
        Assert.True(Js.StrictEquals(date, date));
        Assert.False(Js.StrictEquals(date, (object)DateTime.UnixEpoch));
        var bytes = new byte[] { 1 };
        Assert.True(Js.StrictEquals(bytes, bytes));
        Assert.False(Js.StrictEquals(bytes, new byte[] { 1 }));
    }

    [Fact]
    public void RelationalComparisonHighlights()
    {
        Assert.True(Js.LessThan(null, 10.0));
        Assert.True(Js.LessThan("9", 10.0));
        Assert.True(Js.LessThan("10", "9"));
        Assert.True(Js.LessThan("B", "a"));
        Assert.False(Js.LessThan("\uffff", "\ud83d\ude00"));
        Assert.False(Js.LessThan(JsUndefined.Value, 1.0));
        Assert.False(Js.GreaterThanOrEqual(JsUndefined.Value, 0.0));
        Assert.True(Js.GreaterThanOrEqual(null, 0.0));
        Assert.True(Js.GreaterThan(JsArray.Of(2.0), 1.0));
        Assert.True(Js.LessThan(new JsArray(), 1.0));
        Assert.True(Js.GreaterThan(DateTime.UnixEpoch.AddMilliseconds(5), DateTime.UnixEpoch));
        Assert.True(Js.GreaterThan(true, false));
        Assert.False(Js.LessThan(double.NaN, 1.0));
        Assert.False(Js.LessThanOrEqual(double.NaN, double.NaN));
        Assert.True(Js.LessThanOrEqual("a", "a"));
        Assert.Null(Js.Compare("x", 1.0));
        Assert.Equal(-1, Js.Compare(1.0, 2.0));
        Assert.Equal(0, Js.Compare("b", "b"));
        Assert.Equal(1, Js.Compare("b", "a"));
        Assert.True(Js.LessThan(1, 2.5m));
    }
}
