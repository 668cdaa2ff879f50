using Microsoft.AspNetCore.Builder;

// The flows, as a user would ship them: the slim host (as the hand-written app and the hello world) and MapFlows.
var builder = WebApplication.CreateSlimBuilder(args);
var app = builder.Build();
app.MapFlows();
app.Run();
