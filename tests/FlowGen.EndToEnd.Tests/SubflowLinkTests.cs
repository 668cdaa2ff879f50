using System.Net;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>
/// Flows/subflow-links.flow.json: link nodes inside a subflow work on the instance's own copies, as Node-RED's
/// remapSubflowNodes makes them: a link out reaches the same instance's link in, a link call calls the same
/// instance's subroutine and gets its return back (static, and dynamic by name: the caller's own instance is searched
/// first), and a link call to a link in on a tab is resolved by id.
/// Each instance has its own TAG, so a message that crossed into the other instance's copy would show it.
/// </summary>
[Collection(FlowHostCollection.Name)]
public sealed class SubflowLinkTests(FlowTestHost host)
{
    [Theory]
    [InlineData("a", "A")]
    [InlineData("b", "B")]
    public async Task Each_instance_links_and_calls_its_own_copies(string route, string tag)
    {
        var response = await host.Client.GetAsync($"/subflow-links/{route}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"node:slk_inst_{route}-slk_lo|{tag}|{tag}|{tag}|from the tab", await response.Content.ReadAsStringAsync());
    }
}
