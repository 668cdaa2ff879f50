namespace FlowGen.Runtime;

/// <summary>
/// The JavaScript <c>undefined</c> value. There is exactly one instance, <see cref="Value"/>;
/// C# <c>null</c> stands for JavaScript <c>null</c>.
/// </summary>
public sealed class JsUndefined
{
    /// <summary>The single <c>undefined</c> value.</summary>
    public static readonly JsUndefined Value = new();

    private JsUndefined()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "undefined";
}
