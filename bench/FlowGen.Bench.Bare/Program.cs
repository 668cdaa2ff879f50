using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using FlowGen.Bench;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

// Bare Kestrel, no framework work:
//   FlowGen.Bench.Bare limit <url> <scenarios.json>   answers each scenario's request with its expected bytes
//                                                     (UPSTREAM: where the proxy scenario's upstream listens)
//   FlowGen.Bench.Bare upstream <url>                 GET /item?id=<digits>: a small JSON item
if (args.Length < 2 || args[0] is not ("limit" or "upstream"))
{
    Console.Error.WriteLine("usage: FlowGen.Bench.Bare limit <url> <scenarios.json> | upstream <url>");
    return 2;
}

var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
builder.WebHost.UseKestrelCore().UseUrls(args[1]);
var app = builder.Build();
app.Run(args[0] == "limit"
    ? new Limit(BenchScenarios.Load(args[2]), Environment.GetEnvironmentVariable("UPSTREAM")).Answer
    : BenchUpstream.Answer);
await app.RunAsync();
return 0;

/// <summary>The expected answers, prepared once: per request only the date-bound cookie and the request id are written.</summary>
internal sealed class Limit
{
    private readonly Dictionary<string, Canned> _answers = new(StringComparer.Ordinal);
    private readonly HttpClient? _upstream;

    public Limit(IReadOnlyList<BenchScenario> scenarios, string? upstream)
    {
        if (upstream is not null) _upstream = new HttpClient(new SocketsHttpHandler()) { BaseAddress = new Uri(upstream) };
        foreach (var scenario in scenarios)
        {
            var body = Encoding.UTF8.GetBytes(scenario.Expect.Body);
            var headers = new List<KeyValuePair<string, StringValues>>();
            foreach (var (name, value) in scenario.Expect.Headers) headers.Add(new(name, value));
            headers.Add(new(HeaderNames.ETag, WeakETag.Of(body)));
            var path = scenario.Request.Path.Split('?')[0];
            _answers[path] = new Canned(scenario.Expect.Status, headers.ToArray(), scenario.Expect.Cookies.Select(c => new CookieTemplate(c)).ToArray(), body, scenario.UpstreamPath);
        }
    }

    public async Task Answer(HttpContext http)
    {
        if (!_answers.TryGetValue(http.Request.Path.Value!, out var canned))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (canned.UpstreamPath is not null)
        {
            // The same call the flow makes; the answer does not depend on it beyond waiting for it.
            using var upstream = await _upstream!.GetAsync(canned.UpstreamPath, http.RequestAborted);
            await upstream.Content.ReadAsByteArrayAsync(http.RequestAborted);
        }
        var response = http.Response;
        response.StatusCode = canned.Status;
        foreach (var (name, value) in canned.Headers) response.Headers[name] = value;
        if (canned.Cookies.Length > 0)
        {
            var now = DateTime.UtcNow;
            var cookies = new string[canned.Cookies.Length];
            for (var i = 0; i < cookies.Length; i++) cookies[i] = canned.Cookies[i].At(now);
            response.Headers.SetCookie = cookies;
        }
        response.Headers["request-id"] = http.TraceIdentifier;
        response.ContentLength = canned.Body.Length;
        await response.Body.WriteAsync(canned.Body, http.RequestAborted);
    }

    private sealed record Canned(int Status, KeyValuePair<string, StringValues>[] Headers, CookieTemplate[] Cookies, byte[] Body, string? UpstreamPath);
}
