using System;
using FlowGen.Bench.HandWritten;
using Microsoft.AspNetCore.Builder;

// The benchmark flows written by hand. UPSTREAM: where the proxy endpoint's upstream listens.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddHandWritten(new Uri(builder.Configuration["UPSTREAM"] ?? "http://127.0.0.1:1"));
var app = builder.Build();
app.Use(HandWrittenEndpoints.AddRequestId);
app.MapHandWritten();
app.Run();
