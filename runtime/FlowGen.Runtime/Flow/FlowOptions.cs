using System;
using System.Collections.Generic;

namespace FlowGen.Runtime;

/// <summary>Settings of the flow endpoints, configured with <c>services.Configure&lt;FlowOptions&gt;(...)</c>.</summary>
public sealed class FlowOptions
{
    /// <summary>Largest JSON or urlencoded request body, as Node-RED's apiMaxLength (5 MB). Larger bodies get 413.</summary>
    public long MaxParsedBodyBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Weak ETags on response bodies and 304 answers to matching If-None-Match, as Express does.</summary>
    public bool ETags { get; set; } = true;

    /// <summary>
    /// The folder file in nodes read from. File names are relative to it, and no name (a "..", an absolute path, a
    /// symbolic link) may reach outside it. Default: the app's content root.
    /// </summary>
    public string? FileRoot { get; set; }

    /// <summary>
    /// The http request node's timeout for one attempt when msg.requestTimeout does not set one, as Node-RED's
    /// settings.httpRequestTimeout (120 s).
    /// </summary>
    public TimeSpan HttpRequestTimeout { get; set; } = TimeSpan.FromMilliseconds(120000);

    /// <summary>
    /// When not empty, http request nodes may only call these hosts (a name such as <c>api.example.com</c>, a
    /// wildcard <c>*.example.com</c> for its subdomains, or <c>host:port</c>); any other host, including a redirect
    /// to one, fails the call with the error code ERR_HOST_NOT_ALLOWED. Empty (the default) allows every host.
    /// </summary>
    public IList<string> AllowedOutboundHosts { get; } = new List<string>();

    /// <summary>
    /// Credentials of http request nodes, keyed by node id or, failing that, node name. The flow file never holds
    /// them; the configuration section <c>FlowGen:Credentials:&lt;id or name&gt;</c> (User, Password, ApiKey) is
    /// read as well, so environment variables such as <c>FlowGen__Credentials__mynode__Password</c> work.
    /// </summary>
    public IDictionary<string, HttpRequestCredentials> HttpRequestCredentials { get; } = new Dictionary<string, HttpRequestCredentials>(StringComparer.Ordinal);

    /// <summary>
    /// What happens when a flow endpoint bound to an OpenAPI operation answers with a response its operation does not
    /// declare (the build proves what it can; this guards the rest). Null (the default) takes the configuration value
    /// <c>FlowGen:ContractValidation</c> ("error", "warn" or "off"), else <see cref="Runtime.ContractValidation.Error"/>.
    /// </summary>
    public ContractValidation? ContractValidation { get; set; }
}

/// <summary>How the run-time guard treats a response that breaks the endpoint's OpenAPI contract.</summary>
public enum ContractValidation
{
    /// <summary>The response is not sent: the client gets FlowGen's 500 with the request id, and the violation is logged as an error.</summary>
    Error,

    /// <summary>The response is sent as the flow made it, and the violation is logged as a warning.</summary>
    Warn,

    /// <summary>Responses are not checked.</summary>
    Off,
}

/// <summary>What an http request node authenticates with: user and password (basic, digest; bearer uses the password as the token) and an API key.</summary>
public sealed class HttpRequestCredentials
{
    public string? User { get; set; }

    public string? Password { get; set; }

    public string? ApiKey { get; set; }
}
