using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>Generated code maps back to the flow file (#line), so stack traces and debuggers name the node.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class StackTraceTests(FlowTestHost host)
{
    [Fact]
    public async Task A_stack_trace_from_a_node_names_the_flow_file_and_the_nodes_line()
    {
        var response = await host.Client.GetAsync("/stack/where");

        // The csharp node "where" is on line 4 of Flows/stack-trace.flow.json.
        Assert.Equal("stack-trace.flow.json:4", await response.Content.ReadAsStringAsync());
    }
}
