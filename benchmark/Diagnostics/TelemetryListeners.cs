using System.Diagnostics;
using System.Diagnostics.Metrics;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Benchmark.Diagnostics;

/// <summary>
/// Listens to the client's ActivitySource and Meter as an OpenTelemetry SDK would (every span sampled and recorded,
/// every instrument's measurements delivered), so that a run with <c>--telemetry</c> shows what tracing and metrics
/// cost against the same run with nobody listening.
/// </summary>
internal sealed class TelemetryListeners : IDisposable
{
    private readonly ActivityListener activities;
    private readonly MeterListener meters;
    private long spans;
    private long measurements;

    public TelemetryListeners()
    {
        activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RocketMQTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref spans),
        };
        ActivitySource.AddActivityListener(activities);

        meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RocketMQTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref measurements));
        meters.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref measurements));
        meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref measurements));
        meters.Start();
    }

    /// <summary>Spans of the client that ended since the listeners started.</summary>
    public long Spans => Interlocked.Read(ref spans);

    /// <summary>Metric measurements of the client delivered since the listeners started.</summary>
    public long Measurements => Interlocked.Read(ref measurements);

    public void Dispose()
    {
        meters.Dispose();
        activities.Dispose();
    }
}
