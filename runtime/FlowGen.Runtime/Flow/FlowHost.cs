using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGen.Runtime;

/// <summary>What the flow endpoints of one application share: options, loggers, environment. Made by MapFlows.</summary>
public sealed class FlowHost
{
    public FlowHost(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Options = services.GetService<IOptions<FlowOptions>>()?.Value ?? new FlowOptions();
        var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        Logger = loggers.CreateLogger("FlowGen.Flows");
        FlowEnvironment.Configure(services.GetService<IConfiguration>());
        ContractValidation = ResponseGuard.Mode(Options, services.GetService<IConfiguration>());
        Outbound = new OutboundHttp(services, Options);
        var root = Options.FileRoot ?? services.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;
        FileRoot = System.IO.Path.GetFullPath(root);
    }

    /// <summary>The HttpClient source, credentials and host allow-list of http request nodes.</summary>
    public OutboundHttp Outbound { get; }

    /// <summary>The folder file in nodes read from, as a full path (<see cref="FlowOptions.FileRoot"/>).</summary>
    public string FileRoot { get; }

    public FlowOptions Options { get; }

    /// <summary>What the run-time guard does with a response that breaks its OpenAPI operation, decided once at startup.</summary>
    public ContractValidation ContractValidation { get; }

    public ILogger Logger { get; }
}
