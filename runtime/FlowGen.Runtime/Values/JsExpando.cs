using System.Runtime.CompilerServices;

namespace FlowGen.Runtime;

/// <summary>
/// Named (non-index) properties that JavaScript lets scripts put on arrays, Buffers and Dates
/// (<c>arr.foo = 1</c>). They are visible to property paths, as in JavaScript, and invisible to
/// <c>JSON.stringify</c> and <c>cloneDeep</c>, which ignore them in JavaScript too. Kept aside so the common
/// case costs nothing.
/// </summary>
internal static class JsExpando
{
    private static readonly ConditionalWeakTable<object, JsObject> Properties = new();

    public static object? Get(object owner, string name) =>
        Properties.TryGetValue(owner, out var props) ? props[name] : JsUndefined.Value;

    public static bool Has(object owner, string name) =>
        Properties.TryGetValue(owner, out var props) && props.ContainsKey(name);

    public static void Set(object owner, string name, object? value) =>
        Properties.GetValue(owner, static _ => new JsObject())[name] = value;

    public static void Remove(object owner, string name)
    {
        if (Properties.TryGetValue(owner, out var props))
        {
            props.Remove(name);
        }
    }
}
