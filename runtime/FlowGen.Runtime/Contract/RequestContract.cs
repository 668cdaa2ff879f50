using System;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Runtime;

/// <summary>
/// What an http in node bound to an OpenAPI operation requires of a request, compiled at build time: the media types
/// its body may have, and the generated method that checks the parameters and the body and types their values.
/// </summary>
public sealed class RequestContract
{
    private readonly Func<RequestInput, RequestErrors, bool> _validate;

    /// <param name="operation">The operation as messages name it: "getPet (GET /pets/{id})".</param>
    /// <param name="mediaTypes">The request body's media types, lower case without parameters ("application/json", "text/*"); empty when any is accepted.</param>
    /// <param name="validate">Checks a request, reporting violations; true when it satisfies the contract.</param>
    public RequestContract(string operation, string[] mediaTypes, Func<RequestInput, RequestErrors, bool> validate)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(mediaTypes);
        ArgumentNullException.ThrowIfNull(validate);
        Operation = operation;
        MediaTypes = mediaTypes;
        _validate = validate;
    }

    public string Operation { get; }

    public string[] MediaTypes { get; }

    /// <summary>
    /// The declared media type a body's Content-Type matches, the most specific first (exact, then "type/*", then
    /// "*/*"); a 415 when none does or the body has no Content-Type. A Content-Type that does not parse is left to the
    /// body readers (400).
    /// </summary>
    internal BodyRejection? MatchMediaType(HttpRequest request, out string? declared)
    {
        declared = null;
        if (MediaTypes.Length == 0) return null;
        var header = request.ContentType;
        if (string.IsNullOrEmpty(header))
        {
            return new BodyRejection(StatusCodes.Status415UnsupportedMediaType, $"The request body has no Content-Type; {Operation} accepts {Accepted()}.");
        }
        if (!RequestContentType.TryParse(header, out var type)) return null;
        declared = Match(type!.MediaType, type.Type);
        return declared is null
            ? new BodyRejection(StatusCodes.Status415UnsupportedMediaType, $"The request body is {type.MediaType}, which {Operation} does not accept; it accepts {Accepted()}.")
            : null;
    }

    private string? Match(string mediaType, string type)
    {
        string? range = null;
        string? any = null;
        foreach (var declared in MediaTypes)
        {
            if (declared == mediaType) return declared;
            if (declared == "*/*") any = declared;
            else if (declared.Length == type.Length + 2 && declared.EndsWith("/*", StringComparison.Ordinal) && declared.StartsWith(type, StringComparison.Ordinal)) range = declared;
        }
        return range ?? any;
    }

    private string Accepted() => string.Join(", ", MediaTypes);

    /// <summary>Runs the generated checks; a value nested too deeply to check is a violation, not a crash.</summary>
    internal bool Validate(RequestInput input, RequestErrors errors)
    {
        try
        {
            return _validate(input, errors) && errors.Errors.Count == 0;
        }
        catch (RequestTooDeepException)
        {
            errors.FailTooDeep();
            return false;
        }
    }
}
