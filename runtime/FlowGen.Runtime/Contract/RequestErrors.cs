using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;

namespace FlowGen.Runtime;

/// <summary>Where in the request a contract violation is.</summary>
public enum RequestPlace
{
    Path,
    Query,
    Header,
    Cookie,
    Body,
}

/// <summary>
/// One contract violation: the part of the request, the parameter's name (null for the body), the JSON pointer inside
/// the value ("" is the whole body; null for a parameter's whole value) and what is wrong.
/// </summary>
public sealed record RequestError(RequestPlace In, string? Name, string? Pointer, string Message);

/// <summary>The state of a <see cref="RequestErrors"/> before a probe, to restore after it.</summary>
public readonly record struct RequestProbe(int Failures, int Depth);

/// <summary>
/// What the generated validation code of an operation found wrong with one request. The code reports each failed check
/// with <see cref="Fail"/>, which says whether to stop: after <see cref="Limit"/> errors, or at once while probing
/// (anyOf, oneOf and not only need to know whether a schema matches, not why not). The JSON pointer of the value being
/// checked is kept as a stack of segments and only spelled out for an error, so a valid request builds no strings.
/// </summary>
public sealed class RequestErrors
{
    /// <summary>At most this many errors are reported; checking stops at the last.</summary>
    public const int Limit = 20;

    /// <summary>Values nested deeper than this are refused rather than checked.</summary>
    public const int MaxDepth = 128;

    private readonly List<RequestError> _errors = new();
    private (string? Name, int Index)[] _path = new (string?, int)[8];
    private int _depth;
    private int _probing;
    private RequestPlace _place = RequestPlace.Body;
    private string? _name;

    /// <summary>Every failed check so far, probes included: a schema matched when this did not change while it was checked.</summary>
    public int Failures { get; private set; }

    /// <summary>Whether checking must stop now: while probing, or once the limit is reached.</summary>
    public bool Stopped => _probing > 0 || _errors.Count >= Limit;

    /// <summary>The errors reported, in the order they were found.</summary>
    public IReadOnlyList<RequestError> Errors => _errors;

    /// <summary>Whether the list stopped at <see cref="Limit"/>, so there may be more.</summary>
    public bool Truncated => _errors.Count >= Limit;

    /// <summary>Starts checking a parameter (with its name) or the body (name null), at the root of its value.</summary>
    public void Begin(RequestPlace place, string? name)
    {
        _place = place;
        _name = name;
        _depth = 0;
    }

    /// <summary>Steps into a property of the value being checked.</summary>
    public void Push(string property) => PushSegment(property, 0);

    /// <summary>Steps into an item of the array being checked.</summary>
    public void Push(int index) => PushSegment(null, index);

    /// <summary>Steps back out of the last <see cref="Push(string)"/> or <see cref="Push(int)"/>.</summary>
    public void Pop() => _depth--;

    /// <summary>Reports a failed check of the current value; true when checking must stop.</summary>
    public bool Fail(string message)
    {
        Failures++;
        if (_probing == 0 && _errors.Count < Limit) _errors.Add(new RequestError(_place, _name, Pointer(null), message));
        return Stopped;
    }

    /// <summary>Reports a failed check of a property of the current object (a missing or unexpected one); true when checking must stop.</summary>
    public bool FailAt(string property, string message)
    {
        Failures++;
        if (_probing == 0 && _errors.Count < Limit) _errors.Add(new RequestError(_place, _name, Pointer(property), message));
        return Stopped;
    }

    /// <summary>Starts checking whether a value matches a schema without reporting why not.</summary>
    public RequestProbe BeginProbe()
    {
        _probing++;
        return new RequestProbe(Failures, _depth);
    }

    /// <summary>Ends a probe: its failures do not count against the value and the pointer is where it was.</summary>
    public void EndProbe(RequestProbe probe)
    {
        _probing--;
        Failures = probe.Failures;
        _depth = probe.Depth;
    }

    private void PushSegment(string? name, int index)
    {
        // Deeply nested input against a recursive schema must not exhaust the stack: it is refused instead.
        if (_depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new RequestTooDeepException();
        if (_depth == _path.Length) Array.Resize(ref _path, _path.Length * 2);
        _path[_depth++] = (name, index);
    }

    /// <summary>The current value nested too deeply: reported once, and checking ends.</summary>
    internal void FailTooDeep()
    {
        _probing = 0;
        _depth = Math.Min(_depth, MaxDepth);
        Fail($"is nested more than {MaxDepth} levels deep");
    }

    /// <summary>The RFC 6901 pointer of the current value (or of one of its properties); null for a parameter's whole value.</summary>
    private string? Pointer(string? property)
    {
        if (_depth == 0 && property is null) return _place == RequestPlace.Body ? "" : null;
        var sb = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            sb.Append('/');
            var (name, index) = _path[i];
            if (name is null) sb.Append(index);
            else AppendEscaped(sb, name);
        }
        if (property is not null) AppendEscaped(sb.Append('/'), property);
        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, string name)
    {
        foreach (var c in name)
        {
            if (c == '~') sb.Append("~0");
            else if (c == '/') sb.Append("~1");
            else sb.Append(c);
        }
    }
}

/// <summary>A value nested deeper than <see cref="RequestErrors.MaxDepth"/>: checking ends with a 400.</summary>
internal sealed class RequestTooDeepException : Exception
{
    public RequestTooDeepException()
        : base("The request value is nested too deeply to check.")
    {
    }
}
