using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using FlowGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>A flow file given to the generator as an additional file.</summary>
public sealed class InMemoryFlowFile(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}

/// <summary>Runs the generator over flow files in an in-memory compilation of an ASP.NET Core app.</summary>
public static class GeneratorHarness
{
    public const string ProjectDirectory = "/project";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // The test host's own framework (.NET and ASP.NET Core) plus the FlowGen runtime.
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator);
        return tpa.Where(p => System.IO.Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                || System.IO.Path.GetFileName(p).StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || System.IO.Path.GetFileName(p).StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
                || System.IO.Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(FlowGen.Runtime.FlowMessage).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public const string Program = """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.CreateBuilder(args).Build();
        app.MapFlows();
        app.Run();
        """;

    public static CSharpCompilation CreateCompilation(string program = Program, LanguageVersion languageVersion = LanguageVersion.CSharp13) =>
        CSharpCompilation.Create("FlowApp",
            new[] { CSharpSyntaxTree.ParseText(program, new CSharpParseOptions(languageVersion), path: "Program.cs") },
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(params InMemoryFlowFile[] flows) => CreateDriver(LanguageVersion.CSharp13, flows);

    public static GeneratorDriver CreateDriver(LanguageVersion languageVersion, params InMemoryFlowFile[] flows) =>
        CSharpGeneratorDriver.Create(
            new[] { new FlowGenerator().AsSourceGenerator() },
            flows,
            parseOptions: new CSharpParseOptions(languageVersion),
            optionsProvider: new ProjectOptions(),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Generates, compiles, and returns the generator's diagnostics and the compiler's on the output.</summary>
    public static Result Run(params (string Name, string Json)[] flows) =>
        Run(CreateCompilation(), flows.Select(f => new InMemoryFlowFile($"{ProjectDirectory}/{f.Name}", f.Json)).ToArray());

    public static Result Run(CSharpCompilation compilation, InMemoryFlowFile[] flows, LanguageVersion languageVersion = LanguageVersion.CSharp13)
    {
        var driver = CreateDriver(languageVersion, flows).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var compileDiagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return new Result(driver.GetRunResult(), generatorDiagnostics, compileDiagnostics);
    }

    public sealed record Result(GeneratorDriverRunResult RunResult, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> CompileDiagnostics)
    {
        public string Source(string hintName) =>
            RunResult.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

        public IEnumerable<string> HintNames => RunResult.Results.Single().GeneratedSources.Select(s => s.HintName);

        public string Describe() => string.Join("\n", GeneratorDiagnostics.Concat(CompileDiagnostics).Select(d => d.ToString()));
    }

    private sealed class ProjectOptions : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>
        {
            ["build_property.MSBuildProjectDirectory"] = ProjectDirectory,
            // What the package's FlowGen.props tells the generator.
            ["build_property.FlowGenProject"] = "true",
        });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
