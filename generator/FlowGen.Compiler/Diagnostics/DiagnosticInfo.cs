using System;
using System.Linq;
using FlowGen.Compiler.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Diagnostics;

/// <summary>A place in a flow file: path, character span and line/column span.</summary>
public sealed record SourceLocation(string Path, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(Path, Span, LineSpan);

    public override string ToString() => $"{Path}({LineSpan.Start.Line + 1},{LineSpan.Start.Character + 1})";
}

/// <summary>
/// A diagnostic as a value: the descriptor's id, the location and the message arguments as strings,
/// so that pipeline models holding it stay equatable (Diagnostic compares its arguments by reference).
/// </summary>
public sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, SourceLocation? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceLocation? location, params string[] arguments) =>
        new(descriptor, location, new EquatableArray<string>(arguments));

    /// <summary>The diagnostic with the severity the user configured instead of the descriptor's default.</summary>
    public Diagnostic ToDiagnostic(DiagnosticSeverity severity) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, severity,
            additionalLocations: null, properties: null, Arguments.Cast<object>().ToArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Arguments.Cast<object>().ToArray());

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    public bool Equals(DiagnosticInfo? other) =>
        other is not null && Descriptor.Id == other.Descriptor.Id && Equals(Location, other.Location) && Arguments.Equals(other.Arguments);

    public override int GetHashCode() => Descriptor.Id.GetHashCode() ^ Arguments.GetHashCode();

    /// <summary>The message as it will be shown, for tests and logs.</summary>
    public string Message => string.Format(System.Globalization.CultureInfo.InvariantCulture, Descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture), Arguments.Cast<object>().ToArray());
}
