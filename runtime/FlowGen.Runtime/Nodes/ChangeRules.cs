using System;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace FlowGen.Runtime;

/// <summary>How a change rule's "from" value was configured (its fromt), which decides how it searches.</summary>
public enum ChangeSearchKind
{
    /// <summary>fromt str: a literal search; a string equal to it is replaced whole.</summary>
    String,

    /// <summary>fromt num: a literal search; a string equal to the text, or a number equal to Number(text), is replaced whole.</summary>
    Number,

    /// <summary>fromt bool: a literal search; a string equal to the text, or a boolean whose text it is, is replaced whole.</summary>
    Boolean,

    /// <summary>fromt re: a regular expression, every match replaced.</summary>
    RegExp,
}

/// <summary>
/// The search of a change rule's "change" action, built once from the flow: the configured text and the regex
/// (the escaped literal or the user's pattern, translated from JavaScript at build time) that replaces every match.
/// </summary>
public sealed class ChangeSearch
{
    /// <param name="kind">The fromt of the rule.</param>
    /// <param name="from">The configured text.</param>
    /// <param name="regex">The .NET regex that finds every occurrence (JavaScript's global flag).</param>
    /// <param name="groupNames">For a regex with named groups: each group's name by number (index 0 unused), for $&lt;name&gt;.</param>
    public ChangeSearch(ChangeSearchKind kind, string from, Regex regex, string?[]? groupNames = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(regex);
        Kind = kind;
        From = from;
        FromNumber = Js.ToNumber(from);
        Regex = regex;
        GroupNames = groupNames;
    }

    public ChangeSearchKind Kind { get; }

    public string From { get; }

    /// <summary>Number(from), compared with number values for fromt num.</summary>
    public double FromNumber { get; }

    public Regex Regex { get; }

    public string?[]? GroupNames { get; }
}

/// <summary>
/// The change node's rules on the message (Node-RED 15-change.js, pt = msg). Every operation skips silently when
/// a path cannot be walked (a missing parent, a nested [msg.x] reference that is undefined), as Node-RED's
/// try/catch around each rule does; the generated code calls these in rule order on the same message.
/// </summary>
public static partial class ChangeRules
{
    private static readonly JsPath TempMove = new("_temp_move", new[] { PathSegment.Key("_temp_move") });

    /// <summary>
    /// set: setMessageProperty(msg, target, value), creating parents; undefined deletes the target. When a parent
    /// is not an object nothing changes and Node-RED's warning is logged.
    /// </summary>
    public static void Set(FlowMessage msg, JsPath target, object? value, FlowNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            if (!target.Set(msg, value))
            {
                var logger = msg.Exchange.Host.Logger;
                if (logger.IsEnabled(LogLevel.Warning)) CannotSet(logger, node?.ToString() ?? "", target.Text, msg.Exchange.RequestId);
            }
        }
        catch (Exception ex) when (ex is JsTypeError or JsPathException)
        {
            // Node-RED's rule-level try/catch: the rule does nothing.
        }
    }

    /// <summary>
    /// set with a msg-typed value: the source is read first; a missing parent on the source skips the rule (a
    /// missing final key is undefined, which deletes the target). With deep copy the value is cloned.
    /// </summary>
    public static void SetFromMessage(FlowMessage msg, JsPath target, JsPath source, bool deepCopy, FlowNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(source);
        if (!source.TryGet(msg, out var value)) return;
        Set(msg, target, deepCopy ? Js.DeepClone(value) : value, node);
    }

    /// <summary>delete: removes the property (an array element is spliced out); a missing path does nothing.</summary>
    public static void Delete(FlowMessage msg, JsPath target)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            target.Delete(msg);
        }
        catch (Exception ex) when (ex is JsTypeError or JsPathException)
        {
            // Skipped, as in Node-RED.
        }
    }

    /// <summary>
    /// move: a set of the target from the source and a delete of the source. Node-RED goes through
    /// msg._temp_move unless the source path contains the target's text (moving a child up), which is what
    /// <paramref name="direct"/> says; so moving a value into its own child works, and a missing source deletes
    /// the target.
    /// </summary>
    public static void Move(FlowMessage msg, JsPath source, JsPath target, bool direct, FlowNodeInfo node)
    {
        if (direct)
        {
            SetFromMessage(msg, target, source, deepCopy: false, node);
            Delete(msg, source);
            return;
        }
        SetFromMessage(msg, TempMove, source, deepCopy: false, node);
        Delete(msg, source);
        SetFromMessage(msg, target, TempMove, deepCopy: false, node);
        Delete(msg, TempMove);
    }

    /// <summary>
    /// change with a search fixed at build time. A string equal to the configured text (str, num, bool) is
    /// replaced whole by the value, keeping its type; any other string has every match replaced, the value being a
    /// JavaScript replacement pattern ($&amp;, $1, $&lt;name&gt;, $$, $`, $'), and a result equal to a boolean
    /// value's text becomes that boolean. A number equal to Number(from) (num) or a boolean spelled as from
    /// (bool) is replaced whole. Anything else, or a missing property, is left alone.
    /// </summary>
    public static void Change(FlowMessage msg, JsPath target, ChangeSearch search, object? value, bool toIsBoolean)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(search);
        try
        {
            switch (target.Get(msg))
            {
                case string current:
                    if (search.Kind != ChangeSearchKind.RegExp && string.Equals(current, search.From, StringComparison.Ordinal))
                    {
                        target.Set(msg, value);
                        return;
                    }
                    var replacement = Js.ToJsString(value);
                    var result = ReplaceAll(current, search.Regex, replacement, search.GroupNames);
                    target.Set(msg, toIsBoolean && string.Equals(result, replacement, StringComparison.Ordinal) ? value : result);
                    return;
                case double number when search.Kind == ChangeSearchKind.Number:
                    if (number == search.FromNumber) target.Set(msg, value);
                    return;
                case bool boolean when search.Kind == ChangeSearchKind.Boolean:
                    if (string.Equals(boolean ? "true" : "false", search.From, StringComparison.Ordinal)) target.Set(msg, value);
                    return;
            }
        }
        catch (Exception ex) when (ex is JsTypeError or JsPathException)
        {
            // A missing parent: the rule does nothing.
        }
    }

    /// <summary>
    /// For a change rule whose "from" is a message property: the error Node-RED reports (catchable; the message
    /// still goes on) when that value is neither a string, a number nor a boolean; null otherwise.
    /// </summary>
    public static FlowError? UnsupportedFrom(object? from) => from is string or double or bool or Regex
        ? null
        : new FlowError("Invalid 'from' property: unsupported type: " + Js.TypeOf(from));

    /// <summary>
    /// change whose "from" was read from the message: its type decides the search as in Node-RED. A string is a
    /// literal search; a number or boolean replaces a string only through Node-RED's quirk of searching for the
    /// text "undefined" once (it has no search pattern for them), and a number replaces an equal number. A
    /// boolean never matches a boolean (Node-RED compares its text with the boolean itself).
    /// </summary>
    public static void ChangeFrom(FlowMessage msg, JsPath target, object? from, object? value, bool toIsBoolean)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            switch (target.Get(msg))
            {
                case string current:
                    if (from is string exact && string.Equals(current, exact, StringComparison.Ordinal))
                    {
                        target.Set(msg, value);
                        return;
                    }
                    var replacement = Js.ToJsString(value);
                    var result = from switch
                    {
                        string literal => ReplaceLiteral(current, literal, replacement, all: true),
                        Regex regex => ReplaceAll(current, regex, replacement, null),
                        _ => ReplaceLiteral(current, "undefined", replacement, all: false),
                    };
                    target.Set(msg, toIsBoolean && string.Equals(result, replacement, StringComparison.Ordinal) ? value : result);
                    return;
                case double number when from is double fromNumber:
                    if (number == fromNumber) target.Set(msg, value);
                    return;
            }
        }
        catch (Exception ex) when (ex is JsTypeError or JsPathException)
        {
            // A missing parent: the rule does nothing.
        }
    }

    /// <summary>JavaScript's <c>input.replace(/regex/g, replacement)</c> with a replacement pattern.</summary>
    public static string ReplaceAll(string input, Regex regex, string replacement, string?[]? groupNames)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(regex);
        ArgumentNullException.ThrowIfNull(replacement);
        var match = regex.Match(input);
        if (!match.Success) return input;
        var plain = !replacement.Contains('$', StringComparison.Ordinal);
        var sb = new StringBuilder(input.Length + replacement.Length);
        var last = 0;
        do
        {
            sb.Append(input, last, match.Index - last);
            if (plain) sb.Append(replacement);
            else Substitute(sb, replacement, input, match.Index, match.Length, match, groupNames);
            last = match.Index + match.Length;
            match = match.NextMatch();
        }
        while (match.Success);
        sb.Append(input, last, input.Length - last);
        return sb.ToString();
    }

    /// <summary>
    /// JavaScript's replace with a literal search: every occurrence (as the escaped global regex Node-RED builds;
    /// an empty search matches at every position) or only the first (String.prototype.replace with a string).
    /// </summary>
    public static string ReplaceLiteral(string input, string search, string replacement, bool all)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(replacement);
        var index = input.IndexOf(search, StringComparison.Ordinal);
        if (index < 0) return input;
        var sb = new StringBuilder(input.Length + replacement.Length);
        var last = 0;
        while (index >= 0)
        {
            sb.Append(input, last, index - last);
            Substitute(sb, replacement, input, index, search.Length, null, null);
            last = index + search.Length;
            if (!all) break;
            if (search.Length == 0)
            {
                if (index >= input.Length) break;
                // An empty match moves on one character, which is copied as it is.
                sb.Append(input[index]);
                last = index + 1;
                index = input.IndexOf(search, index + 1, StringComparison.Ordinal);
                continue;
            }
            index = input.IndexOf(search, last, StringComparison.Ordinal);
        }
        sb.Append(input, last, input.Length - last);
        return sb.ToString();
    }

    /// <summary>JavaScript's GetSubstitution: expands a replacement pattern for one match.</summary>
    private static void Substitute(StringBuilder sb, string replacement, string input, int index, int length, Match? match, string?[]? groupNames)
    {
        var captures = match is null ? 0 : match.Groups.Count - 1;
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c != '$' || i + 1 >= replacement.Length)
            {
                sb.Append(c);
                continue;
            }
            var next = replacement[i + 1];
            switch (next)
            {
                case '$':
                    sb.Append('$');
                    i++;
                    continue;
                case '&':
                    sb.Append(input, index, length);
                    i++;
                    continue;
                case '`':
                    sb.Append(input, 0, index);
                    i++;
                    continue;
                case '\'':
                    sb.Append(input, index + length, input.Length - index - length);
                    i++;
                    continue;
                case >= '0' and <= '9':
                    var digitCount = i + 2 < replacement.Length && char.IsAsciiDigit(replacement[i + 2]) ? 2 : 1;
                    var number = digitCount == 2 ? ((next - '0') * 10) + (replacement[i + 2] - '0') : next - '0';
                    if (number > captures && digitCount == 2)
                    {
                        digitCount = 1;
                        number = next - '0';
                    }
                    if (number >= 1 && number <= captures)
                    {
                        var group = match!.Groups[number];
                        if (group.Success) sb.Append(group.Value);
                    }
                    else
                    {
                        sb.Append(replacement, i, digitCount + 1);
                    }
                    i += digitCount;
                    continue;
                case '<' when groupNames is not null:
                    var close = replacement.IndexOf('>', i + 2);
                    if (close < 0)
                    {
                        sb.Append("$<");
                        i++;
                        continue;
                    }
                    var name = replacement.Substring(i + 2, close - i - 2);
                    var groupNumber = Array.IndexOf(groupNames, name);
                    if (groupNumber > 0 && groupNumber <= captures && match!.Groups[groupNumber].Success) sb.Append(match.Groups[groupNumber].Value);
                    i = close;
                    continue;
                default:
                    sb.Append('$');
                    continue;
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "{Node} Cannot set property of non-object type: {Property} (request-id {RequestId})")]
    private static partial void CannotSet(ILogger logger, string node, string property, string requestId);
}
