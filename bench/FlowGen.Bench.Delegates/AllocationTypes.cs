using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Threading.Tasks;

namespace FlowGen.Bench.Delegates;

/// <summary>
/// Which types a request allocates, for finding what to make cheaper: runs one scenario's delegates many times and
/// samples the runtime's allocation ticks (one about every 100 KB) by type. <c>-- --types cookies</c>.
/// </summary>
internal static class AllocationTypes
{
    public static async Task RunAsync(string scenario, int requests)
    {
        var bench = new RequestDelegates { Scenario = scenario };
        bench.GlobalSetup();
        try
        {
            foreach (var (name, run) in new (string, Func<Task>)[] { ("FlowGen", bench.FlowGen), ("hand-written", bench.HandWritten) })
            {
                for (var i = 0; i < 2000; i++) await run();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                for (var i = 0; i < requests; i++) await run();
                var elapsed = clock.Elapsed;
                using var listener = new TickListener();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < requests; i++) await run();
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
                var ticks = listener.Snapshot();
                var total = ticks.Values.Sum();
                Console.WriteLine($"{name}, {scenario}: {bytes / (double)requests:0} B and {elapsed.TotalMicroseconds / requests:0.00} µs per request (context included; time measured before sampling); sampled allocation by type:");
                foreach (var (type, amount) in ticks.OrderByDescending(t => t.Value).Take(25))
                {
                    Console.WriteLine($"  {amount * 100.0 / total,5:0.0}%  {amount * (bytes / (double)total) / requests,7:0} B/req  {type}");
                }
                Console.WriteLine();
            }
        }
        finally
        {
            bench.GlobalCleanup();
        }
    }

    private sealed class TickListener : EventListener
    {
        private readonly Dictionary<string, long> _bytes = new();

        public Dictionary<string, long> Snapshot()
        {
            lock (_bytes) return new Dictionary<string, long>(_bytes);
        }

        protected override void OnEventSourceCreated(EventSource source)
        {
            // The GC keyword at verbose level carries GCAllocationTick.
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
            var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            lock (_bytes) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}
