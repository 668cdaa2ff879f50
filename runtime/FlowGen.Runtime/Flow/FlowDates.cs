using System;
using System.Globalization;
using System.Text;

namespace FlowGen.Runtime;

/// <summary>Node-RED's date typed input: a timestamp, an ISO string, a Date, or a moment.js format in local time.</summary>
public static class FlowDates
{
    public static object Now(string format)
    {
        var now = DateTime.UtcNow;
        return format switch
        {
            "" => Math.Floor((now - DateTime.UnixEpoch).TotalMilliseconds),
            "iso" => now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            "object" => now,
            _ => FormatMoment(now.ToLocalTime(), format),
        };
    }

    /// <summary>The moment.js format tokens flows use (YYYY MM DD HH mm ss SSS, names, A, Z, x, X, [literal]).</summary>
    public static string FormatMoment(DateTime local, string format)
    {
        var sb = new StringBuilder();
        var offset = TimeZoneInfo.Local.GetUtcOffset(local);
        var i = 0;
        while (i < format.Length)
        {
            if (format[i] == '[')
            {
                var close = format.IndexOf(']', i + 1);
                if (close > 0)
                {
                    sb.Append(format, i + 1, close - i - 1);
                    i = close + 1;
                    continue;
                }
            }
            var token = Token(format, i);
            sb.Append(token switch
            {
                "YYYY" => local.Year.ToString("D4", CultureInfo.InvariantCulture),
                "YY" => (local.Year % 100).ToString("D2", CultureInfo.InvariantCulture),
                "MMMM" => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(local.Month),
                "MMM" => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(local.Month),
                "MM" => local.Month.ToString("D2", CultureInfo.InvariantCulture),
                "M" => local.Month.ToString(CultureInfo.InvariantCulture),
                "DD" => local.Day.ToString("D2", CultureInfo.InvariantCulture),
                "D" => local.Day.ToString(CultureInfo.InvariantCulture),
                "dddd" => local.DayOfWeek.ToString(),
                "ddd" => local.DayOfWeek.ToString()[..3],
                "HH" => local.Hour.ToString("D2", CultureInfo.InvariantCulture),
                "H" => local.Hour.ToString(CultureInfo.InvariantCulture),
                "hh" => ((local.Hour + 11) % 12 + 1).ToString("D2", CultureInfo.InvariantCulture),
                "h" => ((local.Hour + 11) % 12 + 1).ToString(CultureInfo.InvariantCulture),
                "mm" => local.Minute.ToString("D2", CultureInfo.InvariantCulture),
                "m" => local.Minute.ToString(CultureInfo.InvariantCulture),
                "ss" => local.Second.ToString("D2", CultureInfo.InvariantCulture),
                "s" => local.Second.ToString(CultureInfo.InvariantCulture),
                "SSS" => local.Millisecond.ToString("D3", CultureInfo.InvariantCulture),
                "A" => local.Hour < 12 ? "AM" : "PM",
                "a" => local.Hour < 12 ? "am" : "pm",
                "ZZ" => Offset(offset, ""),
                "Z" => Offset(offset, ":"),
                "x" => ((long)(local.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                "X" => ((long)(local.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture),
                _ => token,
            });
            i += token.Length;
        }
        return sb.ToString();
    }

    private static readonly string[] Tokens =
    {
        "YYYY", "MMMM", "dddd", "SSS", "MMM", "ddd", "YY", "MM", "DD", "HH", "hh", "mm", "ss", "ZZ", "M", "D", "H", "h", "m", "s", "A", "a", "Z", "x", "X",
    };

    private static string Token(string format, int at)
    {
        foreach (var token in Tokens)
        {
            if (string.CompareOrdinal(format, at, token, 0, token.Length) == 0) return token;
        }
        return format[at].ToString();
    }

    private static string Offset(TimeSpan offset, string separator) =>
        (offset < TimeSpan.Zero ? "-" : "+") + Math.Abs(offset.Hours).ToString("D2", CultureInfo.InvariantCulture) + separator + Math.Abs(offset.Minutes).ToString("D2", CultureInfo.InvariantCulture);
}
