using System;
using FlowGen.Bench.Runner;

// Runs the HTTP benchmark that bench/run.sh has built (run that script, not this program, unless the apps are built):
//   FlowGen.Bench.Runner --repo DIR [--quick] [--duration 10] [--warmup 5] [--rounds 5] [--connections 32]
//                        [--starts 5] [--only cookies,query] [--out FILE] [--wrk-cpu 0] [--server-cpu 1]
// Exits 1 when an app answers a scenario with other bytes than expected, or a run is not valid; timings never fail it.
var options = RunnerOptions.Parse(args);
Console.CancelKeyPress += (_, _) => RunningApp.StopAll();
AppDomain.CurrentDomain.ProcessExit += (_, _) => RunningApp.StopAll();
try
{
    new Benchmark(options).Run();
    return 0;
}
catch (BenchmarkFailure failure)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine("BENCHMARK FAILED: " + failure.Message);
    return 1;
}
finally
{
    RunningApp.StopAll();
}
