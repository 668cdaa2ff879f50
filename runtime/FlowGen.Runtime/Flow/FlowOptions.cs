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
}
