using System.Collections.Concurrent;
using FlowGen.Runtime;

namespace FlowGen.Contract.Tests.Code;

/// <summary>Counts the requests each flow ran for (a csharp node on every path), so tests can tell that a refused request never reached the flow.</summary>
public static class Recorder
{
    private static readonly ConcurrentDictionary<string, int> Runs = new();

    public static void Record(FlowMessage msg)
    {
        var request = (JsObject)msg["req"]!;
        Runs.AddOrUpdate((string)request["path"]!, 1, (_, count) => count + 1);
    }

    public static int RunsOf(string path) => Runs.TryGetValue(path, out var count) ? count : 0;
}
