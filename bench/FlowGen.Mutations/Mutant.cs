using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace FlowGen.Mutations;

/// <summary>Where in a node an expected diagnostic points.</summary>
internal enum Anchor
{
    /// <summary>The node object itself (its opening brace).</summary>
    Node,

    /// <summary>The value at <see cref="Expectation.Path"/>.</summary>
    Value,

    /// <summary>The property name at <see cref="Expectation.Path"/>.</summary>
    Name,

    /// <summary>Character <see cref="Expectation.Index"/> inside the string value at <see cref="Expectation.Path"/>.</summary>
    Character,

    /// <summary>
    /// The value at <see cref="Expectation.Inner"/> inside the JSON text held by the string value at
    /// <see cref="Expectation.Path"/> (a change rule's json "to").
    /// </summary>
    Nested,
}

/// <summary>A diagnostic a mutant must get: the ID and the place, relative to a node of one file.</summary>
internal sealed record Expectation(string Id, string File, string NodeId, Anchor Anchor, object[] Path, int Index = 0, string Inner = "")
{
    public static Expectation AtNode(string id, string file, JsonObject node) => new(id, file, Flow.Id(node), Anchor.Node, System.Array.Empty<object>());

    public static Expectation AtValue(string id, string file, JsonObject node, params object[] path) => new(id, file, Flow.Id(node), Anchor.Value, path);
}

/// <summary>One broken variant of a project: the files it replaces or adds, and what the build must say.</summary>
internal sealed class Mutant
{
    public Mutant(string className, string set, string description, Dictionary<string, Flow> files, List<Expectation> expected)
    {
        ClassName = className;
        Set = set;
        Description = description;
        Files = files;
        Expected = expected;
    }

    public string ClassName { get; }

    public string Set { get; }

    public string Description { get; }

    /// <summary>Mutated or added files by path; the project's other files stay as they are.</summary>
    public Dictionary<string, Flow> Files { get; }

    public List<Expectation> Expected { get; }
}

/// <summary>A project the measurement compiles: one conformance flow, or the sample app's flows together.</summary>
internal sealed class FlowSet
{
    public FlowSet(string name, string kind, List<SourceFlow> files)
    {
        Name = name;
        Kind = kind;
        Files = files;
    }

    public string Name { get; }

    /// <summary>"conformance" or "sample".</summary>
    public string Kind { get; }

    public List<SourceFlow> Files { get; }

    public IEnumerable<ProjectFile> Original => Files.Select(f => new ProjectFile(f.Path, f.Text));
}

/// <summary>A flow file as found on disk, and its nodes when it is an export array.</summary>
internal sealed record SourceFlow(string Path, string Text, Flow? Flow);

internal sealed record ProjectFile(string Path, string Text);
