using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace FlowGen.Bench.Runner;

/// <summary>What the report says about the machine the numbers come from.</summary>
internal static class Machine
{
    public static string LoadAverage() => Read("/proc/loadavg") is { } text ? string.Join(" ", text.Split(' ').Take(3)) : "n/a";

    public static string Description()
    {
        var cpu = Read("/proc/cpuinfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = Read("/proc/meminfo")?.Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } line
            ? $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0.0} GiB"
            : "unknown memory";
        var os = Read("/etc/os-release")?.Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? Environment.OSVersion.ToString();
        var kernel = Read("/proc/sys/kernel/osrelease")?.Trim() ?? "";
        return $"{cpu}, {Environment.ProcessorCount} CPUs, {memory}, {os} (Linux {kernel})";
    }

    /// <summary>The first line a command prints (on either stream), or "n/a".</summary>
    public static string Command(string file, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "n/a";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "n/a";
        }
    }

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
