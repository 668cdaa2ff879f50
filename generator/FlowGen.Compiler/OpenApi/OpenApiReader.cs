using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.OpenApi;

/// <summary>Reads the project's OpenAPI documents (JSON or YAML) into its <see cref="ApiContract"/>.</summary>
public static class OpenApiReader
{
    /// <summary>The contract of the project from its OpenAPI files; <see cref="ApiContract.None"/> when it has none.</summary>
    public static ApiContract ReadContract(IReadOnlyList<(string Path, SourceText? Text)> files, CancellationToken cancellationToken = default)
    {
        // Reading lands with the OpenAPI reader; until then no document binds.
        return ApiContract.None;
    }
}
