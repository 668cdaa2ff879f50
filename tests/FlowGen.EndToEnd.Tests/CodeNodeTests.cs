using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

[Collection(FlowHostCollection.Name)]
public sealed class CodeNodeTests(FlowTestHost host)
{
    [Fact]
    public async Task A_static_method_gets_typed_arguments_from_message_properties()
    {
        var response = await host.Client.PostAsync("/csharp/total", new StringContent("{\"price\": 2.5, \"qty\": \"4\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(10, json.RootElement.GetProperty("total").GetDouble());
        Assert.Equal(2.5, json.RootElement.GetProperty("price").GetDouble());
    }

    [Fact]
    public async Task An_argument_that_cannot_be_converted_is_a_flow_error()
    {
        var response = await host.Client.PostAsync("/csharp/total", new StringContent("{\"price\": 2.5, \"qty\": 1.5}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task An_async_method_is_awaited_and_its_result_becomes_the_payload()
    {
        Assert.Equal("Hello, Ada", await host.Client.GetStringAsync("/csharp/greet?name=Ada"));
    }

    [Fact]
    public async Task An_instance_method_is_called_on_the_service_from_dependency_injection()
    {
        Assert.Equal("{\"count\":3}", await host.Client.GetStringAsync("/csharp/stock/apple"));
        Assert.Equal("{\"count\":null}", await host.Client.GetStringAsync("/csharp/stock/plum"));
    }

    [Fact]
    public async Task A_void_method_taking_the_message_changes_it_in_place()
    {
        Assert.Equal("stamped=yes", await host.Client.GetStringAsync("/csharp/stamp"));
    }

    [Fact]
    public async Task An_exception_from_user_code_is_a_flow_error_answered_by_the_automatic_500()
    {
        var response = await host.Client.GetAsync("/csharp/fail?reason=boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("\"success\":false", await response.Content.ReadAsStringAsync());
    }
}
