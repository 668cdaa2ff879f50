using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>
/// Flows/subflow-catch.flow.json: a catch node inside a subflow gets the first chance at the errors of its instance's
/// nodes; what it does not handle goes to the tab, reported by the instance (Node-RED's Subflow.handleError).
/// </summary>
[Collection(FlowHostCollection.Name)]
public sealed class SubflowCatchTests(FlowTestHost host)
{
    private Task<HttpResponseMessage> Post(string path, string body) =>
        host.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/plain"));

    [Fact]
    public async Task An_error_in_scope_of_the_subflows_catch_is_answered_inside_the_subflow()
    {
        var response = await Post("/subflow-catch/inner", "{not json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("inner catch|sc_inst-sc_j1|Expected property name or '}' in JSON at position 1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_error_no_inner_catch_handles_goes_to_the_tabs_catch_scoped_to_the_instance()
    {
        var response = await Post("/subflow-catch/outer", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The source is still the failing copy; only the scope check uses the instance.
        Assert.Equal("tab catch|sc_inst-sc_j2|json|Expected property name or '}' in JSON at position 1", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Valid_input_passes_through_the_subflow()
    {
        var response = await Post("/subflow-catch/inner", "[1]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[1]", await response.Content.ReadAsStringAsync());
    }
}
