using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>Flows/complete-*.flow.json: complete nodes hear of nodes that finish their work, as Node-RED's handleComplete.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class CompleteNodeTests(FlowTestHost host)
{
    [Fact]
    public async Task A_complete_node_gets_a_copy_of_the_changed_message_and_answers_the_request()
    {
        var response = await host.Client.PostAsync("/complete/change", new StringContent("original", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("co_change|change|upper|changed", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Flows/status-request.flow.json: the status node hears the http request node's status reports.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class StatusNodeTests(FlowTestHost host)
{
    [Fact]
    public async Task A_status_node_hears_requesting_then_the_error_and_the_request_is_still_answered()
    {
        Code.StatusRecorder.Take();

        var response = await host.Client.GetAsync("/status/refused");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(new[]
        {
            """{"fill":"blue","shape":"dot","text":"httpin.status.requesting","source":{"id":"st_req","type":"http request","name":"refused"}}""",
            """{"fill":"red","shape":"ring","text":"ECONNREFUSED","source":{"id":"st_req","type":"http request","name":"refused"}}""",
        }, Code.StatusRecorder.Take());
    }
}
