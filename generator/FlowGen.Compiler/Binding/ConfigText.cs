using System.Text.RegularExpressions;
using FlowGen.Compiler.Emit;

namespace FlowGen.Compiler.Binding;

/// <summary>
/// Node-RED replaces a node property that is exactly "${NAME}" or "$(NAME)" with the environment variable
/// before the node starts (partial strings stay literal). FlowGen reads the variable when the app starts.
/// </summary>
public static class ConfigText
{
    private static readonly Regex WholeValue = new(@"^(?:\$\{([A-Za-z0-9_]+)\}|\$\(([A-Za-z0-9_]+)\))$");

    /// <summary>The variable name when the text is a whole-value reference, else null.</summary>
    public static string? EnvName(string text)
    {
        var match = WholeValue.Match(text);
        if (!match.Success) return null;
        return match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
    }

    /// <summary>
    /// A C# string expression for a configured text: a literal, or the variable looked up in the node's environment
    /// scope when the app runs (the text itself when nothing defines it).
    /// </summary>
    public static string Expression(Nodes.NodeLoweringContext context, string text) => EnvName(text) is { } name
        ? $"{context.EnvScope}.SubstituteText({CSharp.String(name)}, {CSharp.String(text)})"
        : CSharp.String(text);
}
