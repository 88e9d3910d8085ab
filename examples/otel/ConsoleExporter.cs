using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Examples.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Examples.Otel;

/// <summary>
/// OpenTelemetry with the console exporter: the client's ActivitySource and Meter (both "RocketMQ.Go.Port") are
/// added to a tracer and a meter provider; --count messages are sent and consumed; every "send" span and the
/// "process" span it parents are printed, then the metrics. Exit code 0 when each processed message continued its
/// sender's trace. With --json the exporter writes to the debugger output instead of stdout.
/// </summary>
internal static class ConsoleExporter
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic("OtelTopic");
        var count = ctx.Flags.Count(3);
        var nameServer = await ctx.NameServerAsync();
        if (ctx.Cluster is { } cluster)
        {
            await cluster.CreateTopicAsync(topic, 2, ctx.CancellationToken);
        }

        var target = ctx.Flags.Json ? ConsoleExporterOutputTargets.Debug : ConsoleExporterOutputTargets.Console;
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(RocketMQTelemetry.ActivitySourceName)
            .AddConsoleExporter(o => o.Targets = target)
            .Build();
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(RocketMQTelemetry.MeterName)
            .AddConsoleExporter((o, reader) =>
            {
                o.Targets = target;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 60_000;
            })
            .Build();

        await using var producer = Rocketmq.NewProducer(
            ProducerOptions.WithNameServer(nameServer), ProducerOptions.WithGroupName(ctx.Flags.Group("otel_producer")), ProducerOptions.WithLoggerFactory(ctx.LoggerFactory));
        await producer.Start();
        var sendTraces = new HashSet<ActivityTraceId>();
        for (var i = 0; i < count; i++)
        {
            var msg = new Message(topic, ctx.Flags.Body(i)).WithTag("TagA").WithKeys([$"otel-{i}"]);
            var result = await producer.SendSync(ctx.Ctx, msg);
            sendTraces.Add(ActivityContext.Parse(msg.GetProperty(RocketMQTelemetry.TraceParentProperty), null).TraceId);
            ctx.PrintResult(result);
        }

        var continued = 0;
        var counter = new PushExample.Counter(count);
        await using var consumer = Rocketmq.NewPushConsumer(
            ConsumerOptions.WithNameServer(nameServer), ConsumerOptions.WithGroupName("otel_consumer"),
            ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset), ConsumerOptions.WithLoggerFactory(ctx.LoggerFactory));
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            // The handler runs inside the "process" span, a child of the message's "send" span.
            if (Activity.Current is { } process && sendTraces.Contains(process.TraceId))
            {
                Interlocked.Add(ref continued, msgs.Count);
            }

            foreach (var msg in msgs)
            {
                PushExample.Print(ctx, msg, $"trace={Activity.Current?.TraceId}");
            }

            counter.Add(msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        var code = await PushExample.RunUntilDone(ctx, consumer, counter.Done);
        await producer.Shutdown();
        metrics.ForceFlush();
        var ok = code == 0 && Volatile.Read(ref continued) == count;
        ctx.PrintObject($"otel: {continued} of {count} processed messages continued their sender's trace", new { otel = ok ? "OK" : "FAILED", continued, count });
        return ok ? 0 : 1;
    }
}
