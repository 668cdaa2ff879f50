using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace FlowGen.Bench.Runner;

/// <summary>The apps bench/run.sh publishes into bench/.cache/publish, and Node-RED from bench/.cache/node-red.</summary>
internal static class Specs
{
    public const string FlowGenJit = "flowgen-jit";
    public const string FlowGenAot = "flowgen-aot";
    public const string HandWrittenJit = "handwritten-jit";
    public const string HandWrittenAot = "handwritten-aot";
    public const string LimitJit = "limit-jit";
    public const string LimitAot = "limit-aot";
    public const string NodeRed = "node-red";
    public const string HelloAot = "hello-aot";
    public const string Upstream = "upstream";

    public static List<AppSpec> Contenders(RunnerOptions options, string upstream, string nodeRedUser, BenchRequest probe)
    {
        var scenarios = Path.Combine(options.Repo, "bench", "scenarios.json");
        var env = new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:{port}", ["UPSTREAM"] = upstream };
        var limitEnv = new Dictionary<string, string> { ["UPSTREAM"] = upstream };
        var redJs = Path.Combine(options.NodeRed, "node_modules", "node-red", "red.js");
        var nodeModules = Path.Combine(options.NodeRed, "node_modules");
        return new List<AppSpec>
        {
            Jit(options, FlowGenJit, "FlowGen JIT", AppKind.FlowGen, "flowgen-jit", "FlowGen.Bench.FlowApp", [], env, probe),
            Aot(options, FlowGenAot, "FlowGen AOT", AppKind.FlowGen, "flowgen-aot", "FlowGen.Bench.FlowApp", [], env, probe),
            Jit(options, HandWrittenJit, "hand-written JIT", AppKind.HandWritten, "handwritten-jit", "FlowGen.Bench.HandWritten", [], env, probe),
            Aot(options, HandWrittenAot, "hand-written AOT", AppKind.HandWritten, "handwritten-aot", "FlowGen.Bench.HandWritten", [], env, probe),
            Jit(options, LimitJit, "limit JIT (bare Kestrel)", AppKind.Limit, "bare-jit", "FlowGen.Bench.Bare", ["limit", "http://127.0.0.1:{port}", scenarios], limitEnv, probe),
            Aot(options, LimitAot, "limit AOT (bare Kestrel)", AppKind.Limit, "bare-aot", "FlowGen.Bench.Bare", ["limit", "http://127.0.0.1:{port}", scenarios], limitEnv, probe),
            new AppSpec(NodeRed, "Node-RED " + NodeRedVersion(options), AppKind.NodeRed, "Node.js " + Machine.Command("node", "--version").TrimStart('v'),
                "node", [redJs, "--userDir", nodeRedUser, "--settings", Path.Combine(nodeRedUser, "settings.js")], nodeRedUser,
                new Dictionary<string, string> { ["PORT"] = "{port}", ["UPSTREAM"] = upstream, ["TZ"] = "UTC" }, probe,
                DirectorySize(nodeModules), "node_modules, plus Node.js"),
        };
    }

    public static AppSpec Hello(RunnerOptions options) =>
        Aot(options, HelloAot, "hello world AOT", AppKind.Hello, "hello-aot", "FlowGen.Bench.Hello", [],
            new Dictionary<string, string> { ["ASPNETCORE_URLS"] = "http://127.0.0.1:{port}" }, new BenchRequest("GET", "/", null, null));

    public static AppSpec UpstreamApp(RunnerOptions options) =>
        Aot(options, Upstream, "upstream (bare Kestrel AOT)", AppKind.Upstream, "bare-aot", "FlowGen.Bench.Bare", ["upstream", "http://127.0.0.1:{port}"],
            new Dictionary<string, string>(), new BenchRequest("GET", "/item?id=1", null, null));

    public static string NodeRedVersion(RunnerOptions options)
    {
        var package = Path.Combine(options.NodeRed, "node_modules", "node-red", "package.json");
        return JsonNode.Parse(File.ReadAllText(package))!["version"]!.GetValue<string>();
    }

    private static AppSpec Jit(RunnerOptions options, string key, string label, AppKind kind, string folder, string assembly, string[] arguments, Dictionary<string, string> env, BenchRequest probe)
    {
        var directory = Published(options, folder, assembly + ".dll");
        return new AppSpec(key, label, kind, ".NET " + Environment.Version.ToString(2) + " JIT", "dotnet", [Path.Combine(directory, assembly + ".dll"), .. arguments],
            directory, env, probe, DirectorySize(directory, skipSymbols: true), "published folder without symbols, plus the shared framework");
    }

    private static AppSpec Aot(RunnerOptions options, string key, string label, AppKind kind, string folder, string assembly, string[] arguments, Dictionary<string, string> env, BenchRequest probe)
    {
        var directory = Published(options, folder, assembly);
        var binary = Path.Combine(directory, assembly);
        return new AppSpec(key, label, kind, ".NET 9 Native AOT", binary, arguments, directory, env, probe, new FileInfo(binary).Length, "the executable");
    }

    private static string Published(RunnerOptions options, string folder, string file)
    {
        var directory = Path.Combine(options.Publish, folder);
        if (!File.Exists(Path.Combine(directory, file)))
        {
            throw new BenchmarkFailure($"{Path.Combine(directory, file)} is missing: bench/run.sh publishes the apps before it runs the benchmark");
        }
        return directory;
    }

    private static long DirectorySize(string directory, bool skipSymbols = false) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !skipSymbols || !(f.EndsWith(".pdb", StringComparison.Ordinal) || f.EndsWith(".dbg", StringComparison.Ordinal)))
            .Sum(f => new FileInfo(f).Length);
}
