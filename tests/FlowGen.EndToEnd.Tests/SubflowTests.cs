using System.Net;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

[Collection(FlowHostCollection.Name)]
public sealed class SubflowTests(FlowTestHost host)
{
    [Fact]
    public async Task Instance_env_overrides_the_definition_which_falls_back_to_the_tab()
    {
        var body = await host.Client.GetStringAsync("/subflow/env-a");

        Assert.Equal("hi|1|tab value|first|sf_inst_a|sf_inst_a-sf_greet_t|sf_tab/sf_inst_a/sf_greet_t|Subflows|A", body);
    }

    [Fact]
    public async Task Each_instance_has_its_own_copy_with_the_definition_defaults()
    {
        var body = await host.Client.GetStringAsync("/subflow/env-b");

        // The definition's GREETING shadows the tab's; the query object is the payload of a GET.
        Assert.Equal("hello|1|tab value||sf_inst_b|sf_inst_b-sf_greet_t|sf_tab/sf_inst_b/sf_greet_t|Subflows|[object Object]", body);
    }

    [Fact]
    public async Task A_pass_through_output_gets_a_copy_taken_before_the_inner_nodes_run()
    {
        var response = await host.Client.GetAsync("/subflow/pass");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("original", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nested_subflows_run_in_order_and_look_env_up_through_the_outer_instance()
    {
        var body = await host.Client.GetStringAsync("/subflow/nested");

        Assert.Equal("start-first-inner-outer-sf_tab/sf_inst_n/sf_outer_i", body);
    }
}
