using FlowGen.Runtime;

namespace FlowGen.Contract.Tests;

/// <summary>The runtime helpers the generated checks call, on the edge cases requests rarely reach.</summary>
public sealed class RequestHelperTests
{
    [Theory]
    [InlineData("0", 0d)]
    [InlineData("-12.5e1", -125d)]
    [InlineData("1E+2", 100d)]
    public void Texts_in_json_number_syntax_become_numbers(string text, double expected) =>
        Assert.Equal(expected, RequestValues.Scalar(text, RequestTypes.Number));

    [Theory]
    [InlineData("01")]
    [InlineData("+1")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("0x10")]
    [InlineData(" 1")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    public void Other_texts_stay_text_for_the_schema_to_refuse(string text) =>
        Assert.Equal(text, RequestValues.Scalar(text, RequestTypes.Number | RequestTypes.Integer));

    [Fact]
    public void Booleans_are_read_only_when_the_schema_allows_them()
    {
        Assert.Equal(true, RequestValues.Scalar("true", RequestTypes.Boolean));
        Assert.Equal("true", RequestValues.Scalar("true", RequestTypes.Number));
        Assert.Equal("True", RequestValues.Scalar("True", RequestTypes.Boolean));
    }

    [Fact]
    public void Header_items_are_split_at_commas_and_trimmed()
    {
        var items = RequestValues.Items("1, 2 ,x", ',', trim: true, RequestTypes.Integer);

        Assert.Equal(new object?[] { 1d, 2d, "x" }, items);
        Assert.Empty(RequestValues.Items("", ',', trim: true, RequestTypes.Integer));
    }

    [Theory]
    [InlineData(0.3, 0.1, true)]
    [InlineData(4.4, 1.1, true)]
    [InlineData(0.35, 0.1, false)]
    [InlineData(1e300, 3, true)]
    [InlineData(double.PositiveInfinity, 2, false)]
    [InlineData(1, 1e-30, true)]
    [InlineData(0, 0.7, true)]
    public void Multiples_are_decided_in_decimal_where_possible(double value, double divisor, bool expected) =>
        Assert.Equal(expected, RequestValues.IsMultipleOf(value, divisor));

    [Fact]
    public void Lengths_count_code_points()
    {
        Assert.Equal(2, RequestValues.Length("a\U0001F600"));
        Assert.Equal(1, RequestValues.Length("\uD800"));
    }

    [Fact]
    public void Json_equality_ignores_key_order_and_tells_types_apart()
    {
        Assert.True(RequestValues.JsonEquals(JsJson.Parse("""{"a":1,"b":[1,{"c":null}]}"""), JsJson.Parse("""{"b":[1,{"c":null}],"a":1.0}""")));
        Assert.False(RequestValues.JsonEquals(JsJson.Parse("""[1]"""), JsJson.Parse("""["1"]""")));
        Assert.False(RequestValues.JsonEquals(JsJson.Parse("""{"a":1}"""), JsJson.Parse("""{"a":1,"b":2}""")));
    }

    [Fact]
    public void Duplicates_are_found_among_scalars_and_structures()
    {
        Assert.Equal((1, 3), RequestValues.FirstDuplicate((JsArray)JsJson.Parse("""[0, 1, "1", 1.0]""")!));
        Assert.Equal((0, 2), RequestValues.FirstDuplicate((JsArray)JsJson.Parse("""[{"a":[1]}, null, {"a":[1]}]""")!));
        Assert.Equal((0, 1), RequestValues.FirstDuplicate((JsArray)JsJson.Parse("""[null, null]""")!));
        Assert.Null(RequestValues.FirstDuplicate((JsArray)JsJson.Parse("""[0, -0.5, false, "0", null, [0]]""")!));
    }

    [Theory]
    [InlineData("2000-02-29T00:00:00Z", true)]
    [InlineData("1900-02-29T00:00:00Z", false)]
    [InlineData("0000-02-29T00:00:00Z", true)]
    [InlineData("2024-12-31T23:59:59.5-12:00", true)]
    [InlineData("2024-12-31T23:59:59.Z", false)]
    [InlineData("2024-12-31T23:59:59+2400", false)]
    [InlineData("2024-12-31T23:60:00Z", false)]
    public void Date_times_follow_rfc_3339(string text, bool valid) => Assert.Equal(valid, RequestFormats.IsDateTime(text));

    [Theory]
    [InlineData("a.b-c+d@sub.example.org", true)]
    [InlineData("a..b@example.org", false)]
    [InlineData(".a@example.org", false)]
    [InlineData("a@example..org", false)]
    [InlineData("a@exa_mple.org", false)]
    [InlineData("a@b", true)]
    public void Email_addresses_have_a_local_part_and_a_host_name(string text, bool valid) => Assert.Equal(valid, RequestFormats.IsEmail(text));

    [Theory]
    [InlineData("mailto:ada@example.org", true)]
    [InlineData("1http://example.org", false)]
    [InlineData("http://example.org/a b", false)]
    [InlineData("example.org", false)]
    public void Uris_are_absolute(string text, bool valid) => Assert.Equal(valid, RequestFormats.IsUri(text));

    [Fact]
    public void Int64_accepts_what_a_64_bit_integer_rounds_to()
    {
        Assert.True(RequestValues.IsInt64(9223372036854775807d));
        Assert.False(RequestValues.IsInt64(18446744073709551616d));
        Assert.False(RequestValues.IsInt32(1.5));
    }

    [Fact]
    public void Probes_report_nothing_and_leave_the_pointer_where_it_was()
    {
        var errors = new RequestErrors();
        errors.Begin(RequestPlace.Body, null);
        errors.Push("a");
        var probe = errors.BeginProbe();
        errors.Push(3);
        Assert.True(errors.Fail("inside a probe"));
        errors.EndProbe(probe);
        Assert.False(errors.Fail("outside"));

        var error = Assert.Single(errors.Errors);
        Assert.Equal(new RequestError(RequestPlace.Body, null, "/a", "outside"), error);
        Assert.Equal(1, errors.Failures);
    }
}
