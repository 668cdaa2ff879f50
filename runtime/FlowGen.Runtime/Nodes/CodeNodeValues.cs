using System;
using System.Globalization;

namespace FlowGen.Runtime;

/// <summary>
/// The C# code node's conversions between message values (JavaScript's value model) and the typed parameters and
/// return values of user methods. A value that cannot be converted is a catchable flow error naming the property
/// and the parameter.
/// </summary>
public static class CodeNodeValues
{
    /// <summary>A string parameter: strings as they are, other values as JavaScript's String(value).</summary>
    public static string? ToText(object? value, bool nullable, string source, string parameter) => value switch
    {
        string s => s,
        null or JsUndefined => nullable ? null : throw Missing(value, source, parameter, "a string"),
        _ => Js.ToJsString(value),
    };

    /// <summary>A bool parameter: JavaScript truthiness.</summary>
    public static bool ToBoolean(object? value) => Js.ToBoolean(value);

    /// <summary>A bool? parameter: null for null and undefined, else JavaScript truthiness.</summary>
    public static bool? ToNullableBoolean(object? value) => value is null or JsUndefined ? null : Js.ToBoolean(value);

    /// <summary>A double parameter: JavaScript's Number(value) (NaN for what is not a number).</summary>
    public static double ToNumber(object? value) => Js.ToNumber(value);

    /// <summary>A double? parameter: null for null and undefined, else Number(value).</summary>
    public static double? ToNullableNumber(object? value) => value is null or JsUndefined ? null : Js.ToNumber(value);

    /// <summary>An integer parameter: Number(value), which must be a whole number between min and max.</summary>
    public static double ToInteger(object? value, double min, double max, string source, string parameter, string typeName)
    {
        var number = Js.ToNumber(value);
        if (double.IsNaN(number) || Math.Floor(number) != number || number < min || number > max)
        {
            throw new FlowError($"TypeError: {source} is {Describe(value)}, which parameter '{parameter}' cannot take as {typeName}", "ERR_INVALID_ARG_TYPE");
        }
        return number;
    }

    /// <summary>A nullable integer parameter: null for null and undefined, else as <see cref="ToInteger"/>.</summary>
    public static double? ToNullableInteger(object? value, double min, double max, string source, string parameter, string typeName) =>
        value is null or JsUndefined ? null : ToInteger(value, min, max, source, parameter, typeName);

    /// <summary>A parameter of a message value type (JsObject, JsArray, byte[], DateTime): the value must have that type.</summary>
    public static T? ToValue<T>(object? value, bool nullable, string source, string parameter, string what) where T : class => value switch
    {
        T typed => typed,
        null or JsUndefined when nullable => null,
        _ => throw Missing(value, source, parameter, what),
    };

    /// <summary>A DateTime parameter: the value must be a Date.</summary>
    public static DateTime ToDate(object? value, string source, string parameter) =>
        value is DateTime date ? date : throw Missing(value, source, parameter, "a Date");

    /// <summary>A DateTime? parameter: null for null and undefined, else a Date.</summary>
    public static DateTime? ToNullableDate(object? value, string source, string parameter) =>
        value is null or JsUndefined ? null : ToDate(value, source, parameter);

    /// <summary>
    /// A return value declared as object: a message value as it is; other .NET numbers become JavaScript numbers;
    /// anything else is a flow error.
    /// </summary>
    public static object? FromObject(object? value, string method) => value switch
    {
        null or JsUndefined or bool or double or string or byte[] or JsObject or JsArray or DateTime => value,
        int or long or short or byte or sbyte or uint or ulong or ushort or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => throw new FlowError($"TypeError: {method} returned a {value.GetType().Name}, which is not a message value (null, bool, number, string, byte[], JsObject, JsArray or DateTime)"),
    };

    /// <summary>Assigns the return value to the configured property, as the change node's set does.</summary>
    public static void Assign(FlowMessage msg, JsPath path, object? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Set(msg, value, createMissing: true))
        {
            throw new FlowError("Cannot set property of non-object type: " + path.Text);
        }
    }

    private static FlowError Missing(object? value, string source, string parameter, string what) =>
        new($"TypeError: {source} is {Describe(value)}, but parameter '{parameter}' needs {what}", "ERR_INVALID_ARG_TYPE");

    private static string Describe(object? value) => value switch
    {
        JsUndefined => "undefined",
        null => "null",
        string s => "the string " + JsJson.Stringify(s),
        double or bool => Js.ToJsString(value),
        _ => "of type " + Js.TypeOf(value),
    };
}
