using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace FlowGen.Runtime;

/// <summary>
/// Where http request nodes get their HttpClient, credentials and host allow-list. The client is the
/// IHttpClientFactory named client <see cref="ClientName"/> when the app configured it (for example with
/// <see cref="FlowGenServiceCollectionExtensions.AddFlowGenHttpClient"/>, which sets the handler settings FlowGen
/// needs); otherwise one shared pooled client over a SocketsHttpHandler, so no registration is required.
/// </summary>
public sealed class OutboundHttp
{
    /// <summary>The IHttpClientFactory name of the client http request nodes use.</summary>
    public const string ClientName = "FlowGen.HttpRequest";

    private static readonly Lazy<HttpClient> Shared = new(() => new HttpClient(CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan });

    private readonly IHttpClientFactory? _factory;
    private readonly IConfiguration? _configuration;
    private readonly FlowOptions _options;
    private readonly ConcurrentDictionary<string, HttpRequestCredentials?> _credentials = new(StringComparer.Ordinal);
    private readonly string[] _allowed;

    public OutboundHttp(IServiceProvider services, FlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _configuration = services.GetService<IConfiguration>();
        var factory = services.GetService<IHttpClientFactory>();
        // A factory whose FlowGen client nobody configured would hand out HttpClientHandler defaults (automatic
        // redirects and cookies), which would hide redirectList and the per-request cookie jar.
        var configured = services.GetService<IOptionsMonitor<HttpClientFactoryOptions>>()?.Get(ClientName);
        if (factory is not null && configured is not null && configured.HttpMessageHandlerBuilderActions.Count > 0) _factory = factory;
        _allowed = new List<string>(options.AllowedOutboundHosts).ConvertAll(h => h.Trim().ToLowerInvariant()).ToArray();
    }

    /// <summary>True when outbound calls come from IHttpClientFactory.</summary>
    public bool UsesFactory => _factory is not null;

    /// <summary>The client for one call. Timeouts are the node's own, so the client has none.</summary>
    public HttpClient Client()
    {
        if (_factory is null) return Shared.Value;
        var client = _factory.CreateClient(ClientName);
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    /// <summary>
    /// The handler FlowGen's calls need: redirects followed by the node (for redirectList and the cookie jar),
    /// no cookie container, no decompression (as Node-RED), pooled connections renewed every few minutes for DNS.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The node's credentials from FlowOptions or configuration (by node id, then by name); null when none.</summary>
    public HttpRequestCredentials? Credentials(FlowNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _credentials.GetOrAdd(node.Id, _ => Find(node.Id) ?? (node.Name.Length > 0 ? Find(node.Name) : null));
    }

    private HttpRequestCredentials? Find(string key)
    {
        if (_options.HttpRequestCredentials.TryGetValue(key, out var configured)) return configured;
        var section = _configuration?.GetSection("FlowGen:Credentials:" + key);
        if (section is null) return null;
        string? user = section["User"], password = section["Password"], apiKey = section["ApiKey"];
        if (user is null && password is null && apiKey is null) return null;
        return new HttpRequestCredentials { User = user, Password = password, ApiKey = apiKey };
    }

    /// <summary>Whether the allow-list (when there is one) lets a call go to this URL's host.</summary>
    public bool IsAllowed(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_allowed.Length == 0) return true;
        var host = url.IdnHost.ToLowerInvariant();
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        var hostPort = host + ":" + url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var entry in _allowed)
        {
            if (entry.Length == 0) continue;
            if (entry == host || entry == hostPort) return true;
            if (entry.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(entry[1..], StringComparison.Ordinal)) return true;
        }
        return false;
    }
}

/// <summary>Registration helpers for FlowGen's runtime services.</summary>
public static class FlowGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers the IHttpClientFactory client http request nodes use, with the handler settings they need; add
    /// delegating handlers (logging, telemetry) to the returned builder. Without this call FlowGen uses one
    /// shared pooled client.
    /// </summary>
    public static IHttpClientBuilder AddFlowGenHttpClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddHttpClient(OutboundHttp.ClientName).ConfigurePrimaryHttpMessageHandler(OutboundHttp.CreateHandler);
    }
}
