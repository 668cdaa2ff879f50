using System.Net;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

[Collection(FlowHostCollection.Name)]
public sealed class HelloFlowTests(FlowTestHost host)
{
    [Fact]
    public async Task Get_answers_the_query_as_json_with_node_headers()
    {
        var response = await host.Client.GetAsync("/hello?name=ada&tags=a&tags=b");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("hello", Assert.Single(response.Headers.GetValues("x-flow")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.Contains("request-id"));
        Assert.Equal("{\"name\":\"ada\",\"tags\":[\"a\",\"b\"]}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_readme_getting_started_flow_answers_as_documented()
    {
        var response = await host.Client.GetAsync("/hello/ada");

        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Hello ada!", await response.Content.ReadAsStringAsync());
    }
}
