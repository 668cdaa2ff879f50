using System.Globalization;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Nodes;

/// <summary>What the change and switch compilers share: build-time regexes and JavaScript truthiness of config values.</summary>
internal static class ChangeSwitchShared
{
    public const string RegexType = "global::System.Text.RegularExpressions.Regex";
    private const string Options = "global::System.Text.RegularExpressions.RegexOptions";

    /// <summary>JavaScript truthiness of a configuration value (absent is undefined).</summary>
    public static bool Truthy(JsonSyntax? syntax) => syntax switch
    {
        JsonBooleanSyntax b => b.Value,
        JsonStringSyntax s => s.Value.Length > 0,
        JsonNumberSyntax n => n.Value != 0 && !double.IsNaN(n.Value),
        JsonObjectSyntax or JsonArraySyntax => true,
        _ => false,
    };

    /// <summary>
    /// Translates a JavaScript pattern and declares it as a static Regex field; reports FLOW207 at the offending
    /// character (or the value) and returns null when JavaScript would reject it or .NET cannot take the translation.
    /// </summary>
    public static (string Field, ChangeSwitchRegex Regex)? RegexField(NodeLoweringContext context, string pattern, bool ignoreCase, JsonSyntax? at, string purpose)
    {
        var translated = ChangeSwitchRegex.Translate(pattern, out var error, out var position);
        if (translated is null)
        {
            context.Report(FlowDiagnostics.InvalidRegex, CharacterAt(at, position), context.NodeName,
                $"/{pattern}/: {error} at position {position.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        var options = System.Text.RegularExpressions.RegexOptions.CultureInvariant;
        if (ignoreCase) options |= System.Text.RegularExpressions.RegexOptions.IgnoreCase;
        try
        {
            _ = new System.Text.RegularExpressions.Regex(translated.Pattern, options);
        }
        catch (System.ArgumentException ex)
        {
            context.Report(FlowDiagnostics.InvalidRegex, at, context.NodeName,
                $"/{pattern}/ uses a construct FlowGen cannot translate to .NET ({ex.Message}); rewrite it with simpler syntax");
            return null;
        }
        var optionText = Options + ".CultureInvariant" + (ignoreCase ? " | " + Options + ".IgnoreCase" : "");
        var field = context.StaticField(RegexType, $"new {RegexType}({CSharp.String(translated.Pattern)}, {optionText})", purpose);
        return (field, translated);
    }

    /// <summary>A C# string?[] expression of the group names, or "null" when the pattern names none.</summary>
    public static string GroupNames(ChangeSwitchRegex regex)
    {
        if (!regex.HasNamedGroups) return "null";
        var items = new string[regex.GroupNames.Count];
        for (var i = 0; i < items.Length; i++) items[i] = CSharp.String(regex.GroupNames[i]);
        return "new string?[] { " + string.Join(", ", items) + " }";
    }

    /// <summary>
    /// The syntax to report at for a position inside a string value: the character itself when the file writes the
    /// string with the usual escapes (so offsets can be mapped), else the whole value.
    /// </summary>
    private static JsonSyntax? CharacterAt(JsonSyntax? at, int position)
    {
        if (at is not JsonStringSyntax s) return at;
        var value = s.Value;
        var offsets = new int[value.Length + 1];
        var raw = 0;
        for (var i = 0; i < value.Length; i++)
        {
            offsets[i] = raw;
            var c = value[i];
            raw += c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t' ? 2 : c < 0x20 ? 6 : 1;
        }
        offsets[value.Length] = raw;
        if (raw + 2 != s.Span.Length) return at;
        var index = position < 0 ? 0 : position > value.Length ? value.Length : position;
        var start = s.Span.Start + 1 + offsets[index];
        var length = index < value.Length ? offsets[index + 1] - offsets[index] : 0;
        return new JsonStringSyntax(new TextSpan(start, length == 0 ? 1 : length), "");
    }
}
