using System.Diagnostics.Tracing;

namespace RocketMQ.Go.Port.Benchmark.Diagnostics;

/// <summary>
/// Samples the runtime's GCAllocationTick events (one per ~100 KB allocated, naming the type that crossed the
/// mark) while enabled, so a run can say which types make up its bytes per message without an external profiler.
/// </summary>
internal sealed class AllocationProfiler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, (long Bytes, int Samples)> _byType = new();
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    /// <summary>The sampled types, largest first, with their share of <paramref name="totalBytes"/> per message.</summary>
    public IEnumerable<string> Report(long totalBytes, long messages, int top = 15)
    {
        List<KeyValuePair<string, (long Bytes, int Samples)>> rows;
        lock (_byType)
        {
            rows = [.. _byType];
        }

        var sampled = 0L;
        foreach (var row in rows)
        {
            sampled += row.Value.Bytes;
        }

        rows.Sort((a, b) => b.Value.Bytes.CompareTo(a.Value.Bytes));
        for (var i = 0; i < rows.Count && i < top; i++)
        {
            var share = sampled == 0 ? 0 : (double)rows[i].Value.Bytes / sampled;
            yield return $"{share * totalBytes / Math.Max(1, messages),8:0} B/msg  {share,6:P1}  {rows[i].Value.Samples,5} samples  {rows[i].Key}";
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null)
        {
            return;
        }

        var type = "?";
        var bytes = 100_000L;
        for (var i = 0; i < e.Payload.Count; i++)
        {
            switch (e.PayloadNames![i])
            {
                case "TypeName": type = e.Payload[i] as string ?? "?"; break;
                case "AllocationAmount64": bytes = Convert.ToInt64(e.Payload[i], System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }

        lock (_byType)
        {
            _byType[type] = _byType.TryGetValue(type, out var seen) ? (seen.Bytes + bytes, seen.Samples + 1) : (bytes, 1);
        }
    }
}
