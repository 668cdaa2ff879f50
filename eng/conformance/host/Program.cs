// The conformance host: serves every compiled flow of one conformance set, as a user's app would.
// The URL comes from --urls (or ASPNETCORE_URLS); the flows read UPSTREAM and other env values at startup.
using Microsoft.AspNetCore.Builder;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapFlows();
app.Run();
