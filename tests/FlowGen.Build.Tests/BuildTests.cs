using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace FlowGen.Build.Tests;

/// <summary>
/// One small web project in a temporary directory, restored once; each test rewrites its flow and config files and
/// builds it again without restoring and without rebuilding FlowGen's own projects.
/// </summary>
public sealed class BuildProject : IDisposable
{
    public const string FlowName = "tap.flow.json";

    /// <summary>A switch whose second outcome ends at a debug node: line 4, column 3 (FLOW104).</summary>
    public const string EndsAtDebug = """
        [
          {"id": "t1", "type": "tab", "label": "Tap"},
          {"id": "in1", "type": "http in", "z": "t1", "x": 1, "y": 1, "url": "/tap", "method": "get", "wires": [["sw"]]},
          {"id": "dbg", "type": "debug", "z": "t1", "x": 1, "y": 1, "name": "log it", "wires": []},
          {"id": "sw", "type": "switch", "z": "t1", "x": 1, "y": 1, "property": "req.query.answer", "propertyType": "msg", "rules": [{"t": "eq", "v": "yes", "vt": "str"}, {"t": "else"}], "checkall": "false", "outputs": 2, "wires": [["out"], ["dbg"]]},
          {"id": "out", "type": "http response", "z": "t1", "x": 1, "y": 1, "statusCode": "200", "wires": []}
        ]
        """;

    public BuildProject()
    {
        Repository = FindRepository();
        // The tests run from bin/<Configuration>/net10.0: build the project against FlowGen built the same way.
        Configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
        Directory = Path.Combine(Path.GetTempPath(), "flowgen-build-tests-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "TapApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <Import Project="{Repository}/eng/FlowGen.Local.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
              <Import Project="{Repository}/eng/FlowGen.Local.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(Directory, "Program.cs"), """
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.CreateBuilder(args).Build();
            app.MapFlows();
            app.Run();
            """);
        File.WriteAllText(Path.Combine(Directory, FlowName), EndsAtDebug);
        // The temporary project only: FlowGen's own projects are restored and built by the solution build.
        Restore = Dotnet("restore", "-p:RestoreRecursive=false");
    }

    public string Repository { get; }

    public string Configuration { get; }

    public string Directory { get; }

    public (int ExitCode, string Output, TimeSpan Elapsed) Restore { get; }

    public string AppDll => Path.Combine(Directory, "bin", Configuration, "net10.0", "TapApp.dll");

    /// <summary>Sets (or, with null, removes) a file of the project.</summary>
    public void Write(string name, string? text)
    {
        var path = Path.Combine(Directory, name);
        if (text is null) File.Delete(path);
        else File.WriteAllText(path, text);
    }

    public (int ExitCode, string Output, TimeSpan Elapsed) Build(params string[] properties) =>
        Dotnet(new[] { "build", "--no-restore", "-c", Configuration, "-p:BuildProjectReferences=false" }.Concat(properties).ToArray());

    public (int ExitCode, string Output, TimeSpan Elapsed) Dotnet(params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetPath()) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Concat(new[] { "-nologo", "-nodeReuse:false" })) info.ArgumentList.Add(argument);
        Sanitize(info.Environment);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 180 s");
        }
        output.Append(stdout.Result).Append(stderr.Result);
        return (process.ExitCode, output.ToString(), watch.Elapsed);
    }

    /// <summary>Starts the built app on a free local port and returns it with its address.</summary>
    public (Process Process, Uri Address) Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo(DotnetPath()) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(AppDll);
        Sanitize(info.Environment);
        info.Environment["ASPNETCORE_URLS"] = address.ToString();
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, address);
    }

    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The test host runs inside `dotnet test`: its MSBuild settings must not leak into the child build.</summary>
    private static void Sanitize(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(key);
        }
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("FlowGen.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}

/// <summary>What `dotnet build` shows for a flow with a path that ends without a response, under each configuration.</summary>
[Collection(BuildCollection.Name)]
public sealed class BuildTests(BuildProject project, ITestOutputHelper output) : IClassFixture<BuildProject>
{
    private const string Located = BuildProject.FlowName + "(4,3): ";

    private (int ExitCode, string Output, TimeSpan Elapsed) Build(params string[] properties)
    {
        Assert.True(project.Restore.ExitCode == 0, project.Restore.Output);
        // Rewritten, so the compiler runs again even where only a deleted config file changed since the last build.
        project.Write(BuildProject.FlowName, BuildProject.EndsAtDebug);
        var result = project.Build(properties);
        output.WriteLine($"dotnet build {string.Join(' ', properties)}: exit {result.ExitCode} in {result.Elapsed.TotalSeconds:0.0} s (restore took {project.Restore.Elapsed.TotalSeconds:0.0} s)");
        return result;
    }

    [Fact]
    public void Path_ending_at_a_debug_node_fails_the_build_at_the_node()
    {
        project.Write(".globalconfig", null);

        var result = Build();

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.Contains(Located + "error FLOW104", result.Output, StringComparison.Ordinal);
        // Reported once, by the analyzer: the generator has no reason to speak.
        Assert.DoesNotContain("FLOW901", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyzers_off_the_generator_still_fails_the_build_with_FLOW901()
    {
        project.Write(".globalconfig", null);

        var result = Build("-p:RunAnalyzers=false");

        Assert.True(result.ExitCode != 0, result.Output);
        Assert.Contains(Located + "error FLOW901", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error FLOW104", result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// An .editorconfig section for flow files sets a rule's severity with FlowGen's key (the compiler's own
    /// dotnet_diagnostic key in .editorconfig applies to C# files only).
    /// </summary>
    [Fact]
    public void Editorconfig_section_for_flow_files_lowers_a_rule()
    {
        project.Write(".globalconfig", null);
        project.Write(".editorconfig", "root = true\n\n[*.flow.json]\nflowgen_diagnostic.FLOW104.severity = warning\n");
        try
        {
            var result = Build();

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains(Located + "warning FLOW104", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            project.Write(".editorconfig", null);
        }
    }

    /// <summary>
    /// The compiler applies a .globalconfig's severities to diagnostics in flow files (an .editorconfig's sections
    /// apply to C# files only). Lowered to a warning, the flow builds, and at run time the unanswered path gets the
    /// automatic 500 instead of leaving the client waiting.
    /// </summary>
    [Fact]
    public async Task Error_lowered_to_a_warning_builds_and_the_unanswered_path_gets_the_automatic_500()
    {
        project.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.FLOW104.severity = warning\n");
        try
        {
            var result = Build();

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains(Located + "warning FLOW104", result.Output, StringComparison.Ordinal);

            var watch = Stopwatch.StartNew();
            var (process, address) = project.Start();
            try
            {
                using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
                var answered = await Get(client, "/tap?answer=yes", process);
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);

                var unanswered = await client.GetAsync(new Uri("/tap?answer=no", UriKind.Relative));
                Assert.Equal(HttpStatusCode.InternalServerError, unanswered.StatusCode);
                Assert.Contains("\"message\":\"Internal Server Error\"", await unanswered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                output.WriteLine($"app started and answered in {watch.Elapsed.TotalSeconds:0.0} s");
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
        finally
        {
            project.Write(".globalconfig", null);
        }
    }

    /// <summary>The first request, retried while the app starts.</summary>
    private static async Task<HttpResponseMessage> Get(HttpClient client, string path, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await client.GetAsync(new Uri(path, UriKind.Relative));
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }
}
