using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace FlowGen.Compiler.Tests;

public sealed class RuleSweepTests(ITestOutputHelper output)
{
    [Fact]
    public void Print_diagnostics_of_repository_flows()
    {
        foreach (var path in RepositoryFlows.ConformanceFlows("public").Concat(RepositoryFlows.SampleFlows))
        {
            var text = SourceText.From(File.ReadAllText(path));
            var compiled = FlowFileCompiler.Compile(path, text, null);
            var rules = FlowFileCompiler.Check(path, text, null);
            foreach (var d in compiled.Diagnostics.Concat(rules)) output.WriteLine($"{d.Location}: {d.Descriptor.Id} {d.Message}");
        }
    }
}
