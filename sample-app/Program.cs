using Microsoft.AspNetCore.Builder;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// Every http in node of flows/*.flow.json becomes an endpoint.
app.MapFlows();

app.Run();

/// <summary>The sample app's entry point, visible to tests.</summary>
public partial class Program;
