using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace FlowGen.Runtime;

/// <summary>
/// The run-time half of the OpenAPI contract, as API Builder enforces it: an http response node's answer on an
/// endpoint bound to an operation must have a declared status (a range or default covers it), only declared headers
/// (content-type aside: the media types say it), a declared content type, and a body exactly when the response
/// declares content. What breaks it is logged with the request id and, in <see cref="ContractValidation.Error"/>
/// mode, replaced by FlowGen's 500.
/// </summary>
public static partial class ResponseGuard
{
    /// <summary>The configuration key that sets the mode when <see cref="FlowOptions.ContractValidation"/> is not set in code.</summary>
    public const string ConfigurationKey = "FlowGen:ContractValidation";

    /// <summary>The mode of an app: the options' when set, else the configuration's, else Error.</summary>
    public static ContractValidation Mode(FlowOptions options, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ContractValidation is { } mode) return mode;
        var text = configuration?[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(text)) return ContractValidation.Error;
        return Enum.TryParse<ContractValidation>(text.Trim(), ignoreCase: true, out var configured) && Enum.IsDefined(configured)
            ? configured
            : throw new InvalidOperationException($"The configuration value {ConfigurationKey} is '{text}'; it must be error, warn or off.");
    }

    /// <summary>The contract of the endpoint answering the request, or null when it is bound to no operation.</summary>
    internal static ResponseContract? ContractOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<ResponseContract>();

    /// <summary>
    /// What in the response breaks the endpoint's contract, or null when nothing does or nothing is checked.
    /// <paramref name="contentType"/> is null when the flow sends no body.
    /// </summary>
    internal static Violation? Check(FlowExchange exchange, int status, List<(string Name, string[] Values)> headers, bool setsCookies, string? contentType)
    {
        if (exchange.Host.ContractValidation == ContractValidation.Off || ContractOf(exchange.Http) is not { } contract) return null;
        var problem = Problem(contract, status, headers, setsCookies, contentType, exchange.Host.Options.ETags);
        return problem is null ? null : new Violation(contract, problem);
    }

    /// <summary>The first thing the response does that its operation does not declare, said for the log; null when none.</summary>
    internal static string? Problem(ResponseContract contract, int status, List<(string Name, string[] Values)> headers, bool setsCookies, string? contentType, bool etags)
    {
        if (contract.Find(status) is not { } declared)
        {
            return $"status {status} is not declared (declared: {string.Join<DeclaredResponse>(", ", contract.Responses)})";
        }
        var response = declared.Key == "default" ? "the default response" : "response " + declared.Key;
        foreach (var (name, _) in headers)
        {
            if (name.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase)) continue;
            if (!declared.Declares(name)) return $"header '{name}' is not declared for {response}";
        }
        if (setsCookies && !declared.Declares(HeaderNames.SetCookie)) return $"msg.cookies sets header 'Set-Cookie', which is not declared for {response}";

        // Express sends no body with 204, 205 and 304, whatever the payload.
        var body = contentType is not null && status is not (StatusCodes.Status204NoContent or StatusCodes.Status205ResetContent or StatusCodes.Status304NotModified);
        foreach (var (name, required) in declared.Headers)
        {
            if (!required || name.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase) || Sends(name, headers, setsCookies, body && etags)) continue;
            return $"required header '{name}' of {response} is missing";
        }
        if (body && declared.Content.Length == 0) return $"{response} declares no content, but the flow sends a body ({MediaTypes.Essence(contentType!)})";
        if (!body && declared.Content.Length > 0) return $"{response} declares content ({string.Join(", ", declared.Content)}), but the flow sends no body";
        if (body && declared.Accepts(contentType!) is null)
        {
            return $"content type '{MediaTypes.Essence(contentType!)}' is not declared for {response} (declared: {string.Join(", ", declared.Content)})";
        }
        return null;
    }

    /// <summary>Whether the response carries the header: the flow's own, or one FlowGen adds (request-id, Set-Cookie for msg.cookies, the ETag).</summary>
    private static bool Sends(string name, List<(string Name, string[] Values)> headers, bool setsCookies, bool etag)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return name.Equals(FlowExchange.RequestIdHeader, StringComparison.OrdinalIgnoreCase)
            || (setsCookies && name.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            || (etag && name.Equals(HeaderNames.ETag, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Logs the violation; true when the response must be replaced by the 500 (Error mode), false when it goes out (Warn).</summary>
    internal static bool Refuses(FlowExchange exchange, Violation violation)
    {
        var logger = exchange.Host.Logger;
        if (exchange.Host.ContractValidation == ContractValidation.Warn)
        {
            Sent(logger, violation.Contract.Operation, violation.Problem, exchange.RequestId);
            return false;
        }
        Replaced(logger, violation.Contract.Operation, violation.Problem, exchange.RequestId);
        return true;
    }

    internal sealed record Violation(ResponseContract Contract, string Problem);

    [LoggerMessage(EventId = 340, Level = LogLevel.Error, Message = "The response breaks the OpenAPI contract of {Operation}: {Problem}; answered 500 instead (request-id {RequestId})")]
    private static partial void Replaced(ILogger logger, string operation, string problem, string requestId);

    [LoggerMessage(EventId = 341, Level = LogLevel.Warning, Message = "The response breaks the OpenAPI contract of {Operation}: {Problem}; sent as is, ContractValidation is Warn (request-id {RequestId})")]
    private static partial void Sent(ILogger logger, string operation, string problem, string requestId);
}
