using System.Net;
using System.Text.Json;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

[Collection(FlowHostCollection.Name)]
public sealed class EnvironmentTests(FlowTestHost host)
{
    [Fact]
    public async Task Env_values_come_from_node_group_tab_then_process_keeping_their_types()
    {
        var response = await host.Client.GetAsync("/env/values");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = json.RootElement;
        Assert.Equal("hello from tab", body.GetProperty("greeting").GetString());
        Assert.Equal(42, body.GetProperty("count").GetDouble());
        Assert.True(body.GetProperty("flag").GetBoolean());
        Assert.Equal(1, body.GetProperty("obj").GetProperty("a")[0].GetDouble());
        Assert.Equal("from the process", body.GetProperty("alias").GetString());
        Assert.Equal("from the process", body.GetProperty("process").GetString());
        Assert.Equal("group", body.GetProperty("shadowed").GetString());
        Assert.Equal("read env", body.GetProperty("node").GetString());
        Assert.Equal("Environment", body.GetProperty("flow").GetString());
        Assert.Equal("Inner", body.GetProperty("group").GetString());
        Assert.Equal("pre-hello from tab--post", body.GetProperty("template").GetString());
        Assert.Equal("", body.GetProperty("missing").GetString());
    }

    [Fact]
    public async Task Whole_value_references_are_substituted_and_partial_ones_are_not()
    {
        var response = await host.Client.GetAsync("/env/values");

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = json.RootElement;
        Assert.Equal("hello from tab", body.GetProperty("whole").GetString());
        Assert.Equal(42, body.GetProperty("wholeNumber").GetDouble());
        Assert.Equal("x${greeting}", body.GetProperty("partial").GetString());
        Assert.Equal("${NOPE_NOT_SET}", body.GetProperty("unset").GetString());
        Assert.Equal("hello from tab", Assert.Single(response.Headers.GetValues("x-greeting")));
    }
}
