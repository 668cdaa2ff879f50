using System.Linq;
using System;

namespace FlowGen.Runtime.Tests.Values;

/// <summary>Number formatting and parsing, with expectations recorded from Node.js 20.</summary>
public class NumberTests
{
    /// <summary>Bit patterns (exact doubles) and what String(x) gives for them in Node.js.</summary>
    [Theory]
    [InlineData(0x3FD3333333333334UL, "0.30000000000000004")]
    [InlineData(0x444B1AE4D6E2EF50UL, "1e+21")]
    [InlineData(0x3E7AD7F29ABCAF48UL, "1e-7")]
    [InlineData(0x3E8421F5F40D8376UL, "1.5e-7")]
    [InlineData(0x4059000000000000UL, "100")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0UL, "0")]
    [InlineData(0x1UL, "5e-324")]
    [InlineData(0x7FEFFFFFFFFFFFFFUL, "1.7976931348623157e+308")]
    [InlineData(0x441AC53A7E04BCDAUL, "123456789012345680000")]
    [InlineData(0x444B1AE4D6E2EF4FUL, "999999999999999900000")]
    [InlineData(0x4415AF1D78B58C40UL, "100000000000000000000")]
    [InlineData(0x441AC4DA03BC47E4UL, "123450000000000000000")]
    [InlineData(0x3EB0C6F7A0B5ED8DUL, "0.000001")]
    [InlineData(0x3EB4B6231ABFD271UL, "0.0000012345")]
    [InlineData(0x3E8091B5AEFFDB8EUL, "1.2345e-7")]
    [InlineData(0xBFF8000000000000UL, "-1.5")]
    [InlineData(0x3FD5555555555555UL, "0.3333333333333333")]
    [InlineData(0x3FE5555555555555UL, "0.6666666666666666")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0x4340000000000001UL, "9007199254740994")]
    [InlineData(0x43F0000000000000UL, "18446744073709552000")]
    [InlineData(0xC3E0000000000000UL, "-9223372036854776000")]
    [InlineData(0x405EDD2F1A9FBE77UL, "123.456")]
    [InlineData(0x54B249AD2594C37DUL, "1e+100")]
    [InlineData(0xAB2BFF2EE48E0530UL, "-1e-100")]
    [InlineData(0x4011666666666666UL, "4.35")]
    [InlineData(0x3FE0000000000000UL, "0.5")]
    [InlineData(0x41678C29DCCCCCCDUL, "12345678.9")]
    [InlineData(0x3FF0000000000001UL, "1.0000000000000002")]
    [InlineData(0x7E6DDD4BAA009303UL, "1e+301")]
    [InlineData(0x3EFA36E2EB1C432DUL, "0.000025")]
    [InlineData(0x4039000000000000UL, "25")]
    [InlineData(0x430C6BF526340000UL, "1000000000000000")]
    [InlineData(0x4341C37937E08000UL, "10000000000000000")]
    [InlineData(0x4376345785D8A000UL, "100000000000000000")]
    [InlineData(0x444DD0C885F9A0D8UL, "1.1e+21")]
    [InlineData(0x7FD5555555555555UL, "5.992310449541053e+307")]
    [InlineData(0x3E9421F5F40D8376UL, "3e-7")]
    [InlineData(0x3FB999999999999AUL, "0.1")]
    [InlineData(0x441817E7DB7462F2UL, "111111111111111110000")]
    [InlineData(0x400921FB54442D18UL, "3.141592653589793")]
    [InlineData(0x4005BF0A8B145769UL, "2.718281828459045")]
    [InlineData(0xC643D384448E29F3UL, "-3.141592653589793e+30")]
    [InlineData(0x44DFE185CA57C517UL, "6.02214076e+23")]
    [InlineData(0x3C07A4DA290C1653UL, "1.602176634e-19")]
    public void FormatNumberMatchesJavaScript(ulong bits, string expected)
    {
        double d = BitConverter.UInt64BitsToDouble(bits);
        Assert.Equal(expected, Js.FormatNumber(d));
        Assert.Equal(expected, Js.ToJsString(d));
    }

    [Fact]
    public void FormatNumberSpecialValues()
    {
        Assert.Equal("NaN", Js.FormatNumber(double.NaN));
        Assert.Equal("Infinity", Js.FormatNumber(double.PositiveInfinity));
        Assert.Equal("-Infinity", Js.FormatNumber(double.NegativeInfinity));
        Assert.Equal("0", Js.FormatNumber(-0.0));
        Assert.Equal("0.30000000000000004", Js.FormatNumber(0.1 + 0.2));
        Assert.Equal("1e+21", Js.FormatNumber(1e21));
        Assert.Equal("1e-7", Js.FormatNumber(1e-7));
        Assert.Equal("1.5e-7", Js.FormatNumber(1.5e-7));
        Assert.Equal("123456789012345680000", Js.FormatNumber(123456789012345680000.0));
        Assert.Equal("100", Js.FormatNumber(100));
        Assert.Equal("5e-324", Js.FormatNumber(double.Epsilon));
        Assert.Equal("1.7976931348623157e+308", Js.FormatNumber(double.MaxValue));
        Assert.Equal("-1.7976931348623157e+308", Js.FormatNumber(double.MinValue));
        Assert.Equal("-42", Js.FormatNumber(-42));
        Assert.Equal("-0.5", Js.FormatNumber(-0.5));
    }

    [Theory]
    [InlineData("", "0")]
    [InlineData(" ", "0")]
    [InlineData(" 12 ", "12")]
    [InlineData("\n\t12\u00a0", "12")]
    [InlineData("\ufeff1", "1")]
    [InlineData("\u180e1", "NaN")]
    [InlineData("\u2028 7 \u3000", "7")]
    [InlineData("0x10", "16")]
    [InlineData("0X1F", "31")]
    [InlineData("0b11", "3")]
    [InlineData("0B102", "NaN")]
    [InlineData("0o17", "15")]
    [InlineData("0O8", "NaN")]
    [InlineData("-0x10", "NaN")]
    [InlineData("+0x10", "NaN")]
    [InlineData("0x", "NaN")]
    [InlineData("0x1g", "NaN")]
    [InlineData("1e3", "1000")]
    [InlineData("1E+3", "1000")]
    [InlineData("1e-3", "0.001")]
    [InlineData("-1e3", "-1000")]
    [InlineData(".5", "0.5")]
    [InlineData("+.5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData(".", "NaN")]
    [InlineData("-.", "NaN")]
    [InlineData("e5", "NaN")]
    [InlineData("1e", "NaN")]
    [InlineData("1e+", "NaN")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("+Infinity", "Infinity")]
    [InlineData("-Infinity", "-Infinity")]
    [InlineData("infinity", "NaN")]
    [InlineData("INFINITY", "NaN")]
    [InlineData("abc", "NaN")]
    [InlineData("12abc", "NaN")]
    [InlineData("1_000", "NaN")]
    [InlineData("1,000", "NaN")]
    [InlineData("00012", "12")]
    [InlineData("-0", "-0")]
    [InlineData("+0", "0")]
    [InlineData("-", "NaN")]
    [InlineData("+", "NaN")]
    [InlineData("1e1000", "Infinity")]
    [InlineData("-1e1000", "-Infinity")]
    [InlineData("1e-400", "0")]
    [InlineData("0.1", "0.1")]
    [InlineData("123456789012345678901234567890", "1.2345678901234568e+29")]
    [InlineData("0xFFFFFFFFFFFFFFFFF", "295147905179352830000")]
    [InlineData("0x20000000000001", "9007199254740992")]
    [InlineData("0x20000000000003", "9007199254740996")]
    [InlineData("0x20000000000001000000001", "6.189700196426903e+26")]
    [InlineData("0b1111111111111111111111111111111111111111111111111111111111111111111111", "1.1805916207174113e+21")]
    [InlineData("0o777777777777777777777777777777", "1.2379400392853803e+27")]
    [InlineData("NaN", "NaN")]
    [InlineData("null", "NaN")]
    [InlineData("true", "NaN")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("  -12.5e-1  ", "-1.25")]
    [InlineData("1.7976931348623159e308", "Infinity")]
    [InlineData("2.4703282292062328e-324", "5e-324")]
    [InlineData("2.4703282292062327e-324", "0")]
    [InlineData("12 34", "NaN")]
    [InlineData("\u0663", "NaN")]
    public void StringToNumberMatchesJavaScript(string text, string expected)
    {
        Assert.Equal(expected, Describe(Js.ToNumber(text)));
        Assert.Equal(expected, Describe(Js.ToNumber((object?)text)));
    }

    [Theory]
    [InlineData("12", "12")]
    [InlineData(" 12px", "12")]
    [InlineData("-0", "-0")]
    [InlineData("0x1F", "31")]
    [InlineData("0x", "NaN")]
    [InlineData("1e3", "1")]
    [InlineData("  -42abc", "-42")]
    [InlineData("abc", "NaN")]
    [InlineData("", "NaN")]
    [InlineData("3.99", "3")]
    [InlineData("+7", "7")]
    [InlineData("-0x10", "-16")]
    [InlineData("0b11", "0")]
    [InlineData("9007199254740993", "9007199254740992")]
    [InlineData("123456789012345678901234567890", "1.2345678901234568e+29")]
    [InlineData("\u0663", "NaN")]
    public void ParseIntMatchesJavaScript(string text, string expected)
    {
        Assert.Equal(expected, Describe(Js.ParseInt(text)));
    }

    [Theory]
    [InlineData("ff", 16, "255")]
    [InlineData("0xff", 16, "255")]
    [InlineData("z", 36, "35")]
    [InlineData("12", 2, "1")]
    [InlineData("777", 8, "511")]
    [InlineData("10", 1, "NaN")]
    [InlineData("10", 37, "NaN")]
    [InlineData("0x10", 10, "0")]
    public void ParseIntWithRadix(string text, int radix, string expected)
    {
        Assert.Equal(expected, Describe(Js.ParseInt(text, radix)));
    }

    [Theory]
    [InlineData("3.14abc", "3.14")]
    [InlineData(" .5", "0.5")]
    [InlineData("-.5e2x", "-50")]
    [InlineData("1e", "1")]
    [InlineData("1e+", "1")]
    [InlineData("5.", "5")]
    [InlineData(".", "NaN")]
    [InlineData("-Infinityx", "-Infinity")]
    [InlineData("+Infinity", "Infinity")]
    [InlineData("infinity", "NaN")]
    [InlineData("0x10", "0")]
    [InlineData("", "NaN")]
    [InlineData("e5", "NaN")]
    [InlineData("-0", "-0")]
    [InlineData("1.5e-3.2", "0.0015")]
    public void ParseFloatMatchesJavaScript(string text, string expected)
    {
        Assert.Equal(expected, Describe(Js.ParseFloat(text)));
    }

    [Fact]
    public void ToNumberOfNonStrings()
    {
        Assert.Equal(0, Js.ToNumber((object?)null));
        Assert.Equal(0, Js.ToNumber((string?)null));
        Assert.True(double.IsNaN(Js.ParseInt(null)));
        Assert.True(double.IsNaN(Js.ParseFloat(null)));
        Assert.True(double.IsNaN(Js.ToNumber(JsUndefined.Value)));
        Assert.Equal(1, Js.ToNumber(true));
        Assert.Equal(0, Js.ToNumber(false));
        Assert.Equal(0, Js.ToNumber(new JsArray()));
        Assert.Equal(5, Js.ToNumber(JsArray.Of(5.0)));
        Assert.Equal(5, Js.ToNumber(JsArray.Of(" 5 ")));
        Assert.True(double.IsNaN(Js.ToNumber(JsArray.Of(1.0, 2.0))));
        Assert.True(double.IsNaN(Js.ToNumber(new JsObject())));
        Assert.Equal(12, Js.ToNumber(System.Text.Encoding.UTF8.GetBytes("12")));
        Assert.Equal(0, Js.ToNumber(Array.Empty<byte>()));
        Assert.Equal(86400000, Js.ToNumber(DateTime.UnixEpoch.AddDays(1)));
        Assert.Equal(-1, Js.ToNumber(DateTime.UnixEpoch.AddTicks(-1)));
        Assert.Equal(7, Js.ToNumber(7));
        Assert.Equal(7, Js.ToNumber(7L));
        Assert.Equal(2.5, Js.ToNumber(2.5m));
    }

    [Fact]
    public void SmallIntegersShareTheirBoxAndEveryOtherNumberKeepsItsValue()
    {
        Assert.Same(JsNumber.Box(200), JsNumber.Box(200.0));
        Assert.Same(JsNumber.Box(0), JsNumber.Box(0.0));
        var parsed = (JsArray)JsJson.Parse("[0,-0,7,1023,1024,2.5,-3,1e3]")!;
        Assert.Same(JsNumber.Box(7), parsed[2]);
        Assert.Same(JsNumber.Box(1000), parsed[7]);
        Assert.Equal(["0", "-0", "7", "1023", "1024", "2.5", "-3", "1000"], parsed.Select(v => Describe((double)v!)).ToArray());
        Assert.True(double.IsNegative((double)JsNumber.Box(-0.0)));
        Assert.Equal(1024.0, JsNumber.Box(1024));
        Assert.Equal(-1.0, JsNumber.Box(-1));
    }

    private static string Describe(double d) => d == 0 && double.IsNegative(d) ? "-0" : Js.FormatNumber(d);
}
