using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime CLOCK_THREAD_CPUTIME_ID), so timing assertions measure our
/// work and not the other processes sharing the machine's cores. Falls back to wall-clock time elsewhere.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var spec) == 0)
        {
            return TimeSpan.FromTicks((spec.Seconds * TimeSpan.TicksPerSecond) + (spec.Nanoseconds / 100));
        }

        return Stopwatch.GetElapsedTime(0);
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
