namespace FlowGen.Runtime.Tests.Http;

/// <summary>Express's setCharset, as res.send applies it to a content type that a flow set.</summary>
public sealed class MediaTypesTests
{
    [Theory]
    [InlineData("text/html; charset=utf-8", "text/html; charset=utf-8")]
    [InlineData("text/html", "text/html; charset=utf-8")]
    [InlineData("TEXT/HTML; charset=utf-8", "text/html; charset=utf-8")]
    [InlineData("text/html;charset=utf-8", "text/html; charset=utf-8")]
    [InlineData("text/html; charset=latin1", "text/html; charset=utf-8")]
    [InlineData("text/html; charset=UTF-8", "text/html; charset=utf-8")]
    [InlineData(" text/html; charset=utf-8", "text/html; charset=utf-8")]
    [InlineData("text/plain; format=flowed; charset=utf-8", "text/plain; charset=utf-8; format=flowed")]
    [InlineData("text/plain; charset=utf-8; a=1", "text/plain; a=1; charset=utf-8")]
    [InlineData("application/x-thing; q=\"a b\"", "application/x-thing; charset=utf-8; q=\"a b\"")]
    public void The_charset_is_set_and_the_type_reformatted(string value, string expected)
    {
        Assert.Equal(expected, MediaTypes.WithCharset(value, "utf-8"));
    }

    [Fact]
    public void A_value_already_in_that_form_is_returned_as_it_is()
    {
        var value = "text/html; charset=utf-8";
        Assert.Same(value, MediaTypes.WithCharset(value, "utf-8"));
    }
}
