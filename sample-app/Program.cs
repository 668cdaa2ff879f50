using Microsoft.AspNetCore.Builder;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// Every http in node of flows/*.flow.json becomes an endpoint, implementing its operation of bookstore.openapi.json.
app.MapFlows();

// The app's OpenAPI document (bookstore.openapi.json, with any other endpoint of the app added) at /openapi/v1.json.
app.MapFlowsOpenApi();

app.Run();

/// <summary>The sample app's entry point, visible to tests.</summary>
public partial class Program;
