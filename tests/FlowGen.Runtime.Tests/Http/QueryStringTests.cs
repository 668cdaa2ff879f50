using System.Linq;

namespace FlowGen.Runtime.Tests.Http;

/// <summary>
/// Expected values were produced by the real parsers: qs 6.14 with Express 4's options for req.query, and qs 6.15
/// with body-parser 1.20's urlencoded options for form bodies ("THROW" = body-parser's depth error).
/// </summary>
public sealed class QueryStringTests
{
    [Theory]
        [InlineData("a=1&b=two", "{\"a\":\"1\",\"b\":\"two\"}", "{\"a\":\"1\",\"b\":\"two\"}")]
        [InlineData("x=1&x=2&x=3", "{\"x\":[\"1\",\"2\",\"3\"]}", "{\"x\":[\"1\",\"2\",\"3\"]}")]
        [InlineData("msg=hello%20world&plus=a+b&utf=%C3%A9t%C3%A9", "{\"msg\":\"hello world\",\"plus\":\"a b\",\"utf\":\"été\"}", "{\"msg\":\"hello world\",\"plus\":\"a b\",\"utf\":\"été\"}")]
        [InlineData("user[name]=ada&user[age]=36", "{\"user\":{\"name\":\"ada\",\"age\":\"36\"}}", "{\"user\":{\"name\":\"ada\",\"age\":\"36\"}}")]
        [InlineData("a[b][c][d][e][f][g]=1", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"[g]\":\"1\"}}}}}}}", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":\"1\"}}}}}}}")]
        [InlineData("a[]=1&a[]=2", "{\"a\":[\"1\",\"2\"]}", "{\"a\":[\"1\",\"2\"]}")]
        [InlineData("a[0]=x&a[1]=y", "{\"a\":[\"x\",\"y\"]}", "{\"a\":[\"x\",\"y\"]}")]
        [InlineData("a[1]=b&a[0]=a", "{\"a\":[\"a\",\"b\"]}", "{\"a\":[\"a\",\"b\"]}")]
        [InlineData("a[2]=x", "{\"a\":[\"x\"]}", "{\"a\":[\"x\"]}")]
        [InlineData("a[20]=x", "{\"a\":{\"20\":\"x\"}}", "{\"a\":[\"x\"]}")]
        [InlineData("a[19]=x", "{\"a\":[\"x\"]}", "{\"a\":[\"x\"]}")]
        [InlineData("a[0]=x&a[25]=y", "{\"a\":{\"0\":\"x\",\"25\":\"y\"}}", "{\"a\":[\"x\",\"y\"]}")]
        [InlineData("flag", "{\"flag\":\"\"}", "{\"flag\":\"\"}")]
        [InlineData("flag&b=", "{\"flag\":\"\",\"b\":\"\"}", "{\"flag\":\"\",\"b\":\"\"}")]
        [InlineData("=v&k", "{\"k\":\"\"}", "{\"k\":\"\"}")]
        [InlineData("bad=%E0%A4%A&ok=%41", "{\"bad\":\"%E0%A4%A\",\"ok\":\"A\"}", "{\"bad\":\"%E0%A4%A\",\"ok\":\"A\"}")]
        [InlineData("k%5Bx%5D=1", "{\"k\":{\"x\":\"1\"}}", "{\"k\":{\"x\":\"1\"}}")]
        [InlineData("a[b]=1&a=2", "{\"a\":{\"2\":true,\"b\":\"1\"}}", "{\"a\":[{\"b\":\"1\"},\"2\"]}")]
        [InlineData("a=2&a[b]=1", "{\"a\":[\"2\",{\"b\":\"1\"}]}", "{\"a\":[\"2\",{\"b\":\"1\"}]}")]
        [InlineData("__proto__=1&a[__proto__]=2&b=3", "{\"a\":{},\"b\":\"3\"}", "{\"a\":{},\"b\":\"3\"}")]
        [InlineData("__proto__=1&b=3&=4", "{\"b\":\"3\"}", "{\"b\":\"3\"}")]
        [InlineData("constructor=1&hasOwnProperty=2", "{\"constructor\":\"1\",\"hasOwnProperty\":\"2\"}", "{\"constructor\":\"1\",\"hasOwnProperty\":\"2\"}")]
        [InlineData("10=x&b=1&2=y", "{\"2\":\"y\",\"10\":\"x\",\"b\":\"1\"}", "{\"2\":\"y\",\"10\":\"x\",\"b\":\"1\"}")]
        [InlineData("[]=1&[]=2", "{\"0\":\"1\",\"1\":\"2\"}", "{\"0\":\"1\",\"1\":\"2\"}")]
        [InlineData("[a]=1", "{\"a\":\"1\"}", "{\"a\":\"1\"}")]
        [InlineData("a[b]c=1", "{\"a\":{\"b\":\"1\"}}", "{\"a\":{\"b\":\"1\"}}")]
        [InlineData("a[=1", "{\"a[\":\"1\"}", "{\"a\":{\"[\":\"1\"}}")]
        [InlineData("a]=1", "{\"a]\":\"1\"}", "{\"a]\":\"1\"}")]
        [InlineData("a[b=c]=d", "{\"a\":{\"b=c\":\"d\"}}", "{\"a\":{\"b=c\":\"d\"}}")]
        [InlineData("a[]=x&a[0]=y", "{\"a\":[\"x\",\"y\"]}", "{\"a\":[\"x\",\"y\"]}")]
        [InlineData("a[0]=y&a[]=x", "{\"a\":[\"y\",\"x\"]}", "{\"a\":[\"y\",\"x\"]}")]
        [InlineData("a[0][b]=1&a[0][c]=2&a[1][b]=3", "{\"a\":[{\"b\":\"1\",\"c\":\"2\"},{\"b\":\"3\"}]}", "{\"a\":[{\"b\":\"1\",\"c\":\"2\"},{\"b\":\"3\"}]}")]
        [InlineData("a[][b]=1&a[][b]=2", "{\"a\":[{\"b\":[\"1\",\"2\"]}]}", "{\"a\":[{\"b\":[\"1\",\"2\"]}]}")]
        [InlineData("??x=1", "{\"??x\":\"1\"}", "{\"??x\":\"1\"}")]
        [InlineData("a=1&&b=2&", "{\"a\":\"1\",\"b\":\"2\"}", "{\"a\":\"1\",\"b\":\"2\"}")]
        [InlineData("a=%2", "{\"a\":\"%2\"}", "{\"a\":\"%2\"}")]
        [InlineData("a=b=c", "{\"a\":\"b=c\"}", "{\"a\":\"b=c\"}")]
        [InlineData("x[y][]=1&x[y][]=2&x[z]=3", "{\"x\":{\"y\":[\"1\",\"2\"],\"z\":\"3\"}}", "{\"x\":{\"y\":[\"1\",\"2\"],\"z\":\"3\"}}")]
        [InlineData("a[0]=1&a=2", "{\"a\":[\"1\",\"2\"]}", "{\"a\":[\"1\",\"2\"]}")]
        [InlineData("a=1&a[0]=2", "{\"a\":[\"1\",\"2\"]}", "{\"a\":[\"1\",\"2\"]}")]
        [InlineData("a[b][]=1&a[b]=2", "{\"a\":{\"b\":[\"1\",\"2\"]}}", "{\"a\":{\"b\":[\"1\",\"2\"]}}")]
        [InlineData("emoji=%F0%9F%98%80&lone=%ED%A0%80", "{\"emoji\":\"😀\",\"lone\":\"%ED%A0%80\"}", "{\"emoji\":\"😀\",\"lone\":\"%ED%A0%80\"}")]
        [InlineData("a.b=1", "{\"a.b\":\"1\"}", "{\"a.b\":\"1\"}")]
        [InlineData("a[1e2]=x&a[01]=y&a[-1]=z", "{\"a\":{\"1e2\":\"x\",\"01\":\"y\",\"-1\":\"z\"}}", "{\"a\":{\"1e2\":\"x\",\"01\":\"y\",\"-1\":\"z\"}}")]
        [InlineData("r=0&r=1&r=2&r=3&r=4&r=5&r=6&r=7&r=8&r=9&r=10&r=11&r=12&r=13&r=14&r=15&r=16&r=17&r=18&r=19&r=20&r=21&r=22&r=23&r=24", "{\"r\":{\"0\":\"0\",\"1\":\"1\",\"2\":\"2\",\"3\":\"3\",\"4\":\"4\",\"5\":\"5\",\"6\":\"6\",\"7\":\"7\",\"8\":\"8\",\"9\":\"9\",\"10\":\"10\",\"11\":\"11\",\"12\":\"12\",\"13\":\"13\",\"14\":\"14\",\"15\":\"15\",\"16\":\"16\",\"17\":\"17\",\"18\":\"18\",\"19\":\"19\",\"20\":\"20\",\"21\":\"21\",\"22\":\"22\",\"23\":\"23\",\"24\":\"24\"}}", "{\"r\":[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\",\"12\",\"13\",\"14\",\"15\",\"16\",\"17\",\"18\",\"19\",\"20\",\"21\",\"22\",\"23\",\"24\"]}")]
        [InlineData("a[x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x]=1", "{\"a\":{\"x\":{\"x\":{\"x\":{\"x\":{\"x\":{\"[x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x][x]\":\"1\"}}}}}}}", "THROW")]
    public void Parses_like_qs(string input, string expectedQuery, string expectedForm)
    {
        Assert.Equal(expectedQuery, JsJson.Stringify(QueryString.Parse(input)));
        var count = QueryString.CountParameters(input, 1000)!.Value;
        if (expectedForm == "THROW")
        {
            Assert.Throws<QueryDepthException>(() => QueryString.ParseForm(input, count));
        }
        else
        {
            Assert.Equal(expectedForm, JsJson.Stringify(QueryString.ParseForm(input, count)));
        }
    }

    [Fact]
    public void Repeated_key_past_the_array_limit_becomes_an_object_in_the_query_but_not_in_a_form()
    {
        var input = string.Join("&", Enumerable.Range(0, 25).Select(i => "r=" + i));
        var query = (JsObject)QueryString.Parse(input)["r"]!;
        Assert.Equal(25, query.Count);
        Assert.Equal("24", query["24"]);
        var form = (JsArray)QueryString.ParseForm(input, 25)["r"]!;
        Assert.Equal(25, form.Count);
    }

    [Fact]
    public void Only_the_first_1000_parameters_are_read()
    {
        var input = string.Join("&", Enumerable.Range(0, 1005).Select(i => "p" + i + "=" + i));
        var query = QueryString.Parse(input);
        Assert.Equal(1000, query.Count);
        Assert.Equal("999", query["p999"]);
        Assert.False(query.ContainsKey("p1000"));
    }

    [Fact]
    public void Parameter_count_is_one_more_than_the_ampersands_and_null_past_the_limit()
    {
        Assert.Equal(1, QueryString.CountParameters("a=1", 1000));
        Assert.Equal(3, QueryString.CountParameters("a=1&&", 1000));
        Assert.Equal(1000, QueryString.CountParameters(new string('&', 999), 1000));
        Assert.Null(QueryString.CountParameters(new string('&', 1000), 1000));
    }

    [Fact]
    public void Depth_32_is_accepted_in_a_form()
    {
        var input = "a" + string.Concat(Enumerable.Repeat("[x]", 32)) + "=1";
        var value = QueryString.ParseForm(input, 1);
        Assert.StartsWith("{\"a\":{\"x\":", JsJson.Stringify(value));
    }

    [Fact]
    public void Empty_and_null_text_give_an_empty_object()
    {
        Assert.Equal("{}", JsJson.Stringify(QueryString.Parse(null)));
        Assert.Equal("{}", JsJson.Stringify(QueryString.Parse("")));
    }
}
