using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace FlowGen.Build.Tests;

/// <summary>The build tests share FlowGen's build outputs: they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BuildCollection
{
    public const string Name = "builds";
}

/// <summary>
/// FlowGen as a package user gets it: the FlowGen and FlowGen.Runtime packages packed into a folder feed, and fresh
/// projects outside the repository that reference only FlowGen.
/// </summary>
[Collection(BuildCollection.Name)]
public sealed class PackageTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "flowgen-package-tests-" + Guid.NewGuid().ToString("N")[..8]);

    private const string Hello = """
        [
          {"id": "t1", "type": "tab", "label": "Hello"},
          {"id": "in1", "type": "http in", "z": "t1", "url": "/hello/:name", "method": "get", "x": 100, "y": 80, "wires": [["tpl"]]},
          {"id": "tpl", "type": "template", "z": "t1", "field": "payload", "fieldType": "msg", "syntax": "mustache", "template": "Hello {{req.params.name}}!", "output": "str", "x": 300, "y": 80, "wires": [["out"]]},
          {"id": "out", "type": "http response", "z": "t1", "statusCode": "", "headers": {}, "x": 500, "y": 80, "wires": []}
        ]
        """;

    [Fact]
    public async Task A_fresh_project_referencing_the_package_builds_runs_and_answers_and_a_broken_flow_fails_its_build()
    {
        var repository = FindRepository();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
        var feed = Path.Combine(_work, "feed");
        // A version of its own, so no package cache can hold an older build of it.
        var version = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

        Run(repository, "build", "generator/FlowGen.Package/FlowGen.Package.csproj", "-c", configuration);
        Run(repository, "pack", "generator/FlowGen.Package/FlowGen.Package.csproj", "-c", configuration, "--no-build", "-o", feed, "-p:PackageVersion=" + version);
        Run(repository, "pack", "runtime/FlowGen.Runtime/FlowGen.Runtime.csproj", "-c", configuration, "--no-build", "-o", feed, "-p:PackageVersion=" + version);
        // Every framework the runtime targets brings it along: net9.0 projects (the Native AOT publish) need it too.
        Assert.Equal(new[] { "net10.0", "net9.0" }, RuntimeDependencyFrameworks(Path.Combine(feed, $"FlowGen.{version}.nupkg")));

        var good = Project("good", feed, version, ("flows/hello.flow.json", Hello));
        Run(good, "build", "--packages", Path.Combine(_work, "packages"));
        Assert.False(Directory.EnumerateFiles(Path.Combine(good, "bin"), "*.flow.json", SearchOption.AllDirectories).Any(), "flow files are compiled in, not copied to the output");
        await AnswersAsync(Path.Combine(good, "bin", "Debug", "net10.0", "good.dll"));

        var broken = Project("broken", feed, version, ("flows/hello.flow.json", Hello.Replace("\"method\": \"get\"", "\"method\": \"GET\"", StringComparison.Ordinal)));
        var failed = Run(broken, expectSuccess: false, "build", "--packages", Path.Combine(_work, "packages"));
        // At the method value on line 3 of the flow file, as the IDE and the build show it.
        var column = Hello.Split('\n')[2].IndexOf("\"get\"", StringComparison.Ordinal) + 1;
        Assert.Contains($"hello.flow.json(3,{column}): error FLOW206", failed, StringComparison.Ordinal);
    }

    /// <summary>The frameworks whose dependency group in the package's nuspec lists FlowGen.Runtime.</summary>
    private static string[] RuntimeDependencyFrameworks(string package)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        using var nuspec = zip.GetEntry("FlowGen.nuspec")!.Open();
        var ns = System.Xml.Linq.XNamespace.Get("http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd");
        return System.Xml.Linq.XDocument.Load(nuspec).Descendants(ns + "group")
            .Where(g => g.Elements(ns + "dependency").Any(d => (string?)d.Attribute("id") == "FlowGen.Runtime"))
            .Select(g => (string)g.Attribute("targetFramework")!)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>A web project in its own folder with a folder feed added to the machine's package sources.</summary>
    private string Project(string name, string feed, string version, params (string Path, string Text)[] files)
    {
        var dir = Path.Combine(_work, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="flowgen-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="FlowGen" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), "var app = WebApplication.CreateBuilder(args).Build();\napp.MapFlows();\napp.Run();\n");
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return dir;
    }

    private async Task AnswersAsync(string dll)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                try
                {
                    var response = await client.GetAsync(new Uri("/hello/ada", UriKind.Relative));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal("Hello ada!", await response.Content.ReadAsStringAsync());
                    return;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
                {
                    await Task.Delay(200);
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private string Run(string directory, params string[] arguments) => Run(directory, expectSuccess: true, arguments);

    private string Run(string directory, bool expectSuccess, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Concat(new[] { "-nologo", "-nodeReuse:false" })) info.ArgumentList.Add(argument);
        // The test runs inside `dotnet test`: its MSBuild settings must not leak into the child build.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(240_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 240 s");
        }
        var text = stdout.Result + stderr.Result;
        output.WriteLine($"dotnet {string.Join(' ', arguments)}: exit {process.ExitCode} in {watch.Elapsed.TotalSeconds:0.0} s");
        if (expectSuccess) Assert.True(process.ExitCode == 0, text);
        else Assert.True(process.ExitCode != 0, text);
        return text;
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
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
