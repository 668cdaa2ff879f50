using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowGen.EndToEnd.Tests;

/// <summary>One app serving every test flow through MapFlows(), shared by the tests of the assembly.</summary>
public sealed class FlowTestHost : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Read by the environment flow through the app's configuration, as any process variable would be.
        Environment.SetEnvironmentVariable("FLOWGEN_E2E_VAR", "from the process");
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        // file in nodes read from FileRoot/; secret-outside-root.txt sits next to it and must stay out of reach.
        builder.Services.Configure<FlowGen.Runtime.FlowOptions>(o => o.FileRoot = System.IO.Path.Combine(AppContext.BaseDirectory, "FileRoot"));
        builder.Services.AddSingleton<Code.Inventory>();
        _app = builder.Build();
        _app.MapFlows();
        await _app.StartAsync();
        Client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FlowHostCollection : ICollectionFixture<FlowTestHost>
{
    public const string Name = "flows";
}
