using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>What every fault scenario needs: unique names, clients with the user's defaults, a paced send stream.</summary>
internal static class FaultKit
{
    private static int _seed;

    /// <summary>Client logging for diagnosing a run: ROCKETMQ_FAULT_LOG=Debug (or another level) logs to stderr.</summary>
    public static ILoggerFactory Logging { get; } = Environment.GetEnvironmentVariable("ROCKETMQ_FAULT_LOG") is { } level
        && Enum.TryParse<LogLevel>(level, ignoreCase: true, out var min)
            ? LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; }).SetMinimumLevel(min))
            : NullLoggerFactory.Instance;

    /// <summary>A name no other run of this process uses.</summary>
    public static string Unique(string prefix) => $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _seed)}";

    /// <summary>A loopback port free right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A started producer with default options (3 s send timeout, 2 retries, fault avoidance on), then <paramref name="opts"/>.</summary>
    public static async Task<DefaultProducer> StartProducer(string nameServer, params ProducerOption[] opts)
    {
        var group = Unique("fault_pg");
        var producer = DefaultProducer.NewDefaultProducer(
            [ProducerOptions.WithNameServer(nameServer), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group),
             ProducerOptions.WithLoggerFactory(Logging), .. opts]);
        await producer.Start().ConfigureAwait(false);
        return producer;
    }

    /// <summary>A push consumer of <paramref name="group"/> (default intervals, from the first offset) that counts every message in <paramref name="tally"/>.</summary>
    public static PushConsumer NewConsumer(string nameServer, string group, string topic, Tally tally, Action<MessageExt>? onMessage = null, params ConsumerOption[] opts)
    {
        var consumer = PushConsumer.NewPushConsumer(
            [ConsumerOptions.WithNameServer(nameServer), ConsumerOptions.WithGroupName(group), ConsumerOptions.WithInstance(Unique("fault_c")),
             ConsumerOptions.WithConsumeFromWhere(ConsumeFromWhere.ConsumeFromFirstOffset), ConsumerOptions.WithLoggerFactory(Logging), .. opts]);
        consumer.Subscribe(topic, MessageSelector.All, (_, msgs) =>
        {
            foreach (var msg in msgs)
            {
                tally.Consume(Key(msg));
                onMessage?.Invoke(msg);
            }

            return ConsumeResult.ConsumeSuccess;
        });
        return consumer;
    }

    /// <summary>The message's key: a fault run's body is the key, then (when padded to a size) a space and filler.</summary>
    public static string Key(Message msg)
    {
        var body = msg.Body.AsSpan();
        var space = body.IndexOf((byte)' ');
        return Encoding.UTF8.GetString(space < 0 ? body : body[..space]);
    }

    /// <summary>A body holding <paramref name="key"/>, padded to <paramref name="size"/> bytes when larger.</summary>
    public static byte[] Body(string key, int size = 0)
    {
        var text = Encoding.UTF8.GetBytes(key);
        if (size <= text.Length)
        {
            return text;
        }

        var body = new byte[size];
        text.CopyTo(body, 0);
        body.AsSpan(text.Length).Fill((byte)' ');
        return body;
    }

    /// <summary>
    /// <paramref name="senders"/> concurrent sync senders send <paramref name="total"/> messages "PREFIX-SENDER-I" to
    /// <paramref name="topic"/>, paced evenly over <paramref name="duration"/>; each send counts in the tally, and each
    /// failure (with its start and end) in <paramref name="failures"/> when given; <paramref name="onAcknowledged"/> sees each result.
    /// </summary>
    public static Task SendStream(DefaultProducer producer, string topic, Tally tally, int total, int senders, TimeSpan duration, string prefix,
        List<SendFailure>? failures = null, CancellationToken cancellationToken = default, Action<string>? onSending = null, int bodySize = 0,
        Action<SendResult>? onAcknowledged = null)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        var perMessage = duration / Math.Max(1, total);
        return Task.WhenAll(Enumerable.Range(0, senders).Select(sender => Task.Run(async () =>
        {
            for (var n = Interlocked.Increment(ref next); n < total && !cancellationToken.IsCancellationRequested; n = Interlocked.Increment(ref next))
            {
                var due = perMessage * n - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }

                var key = $"{prefix}-{sender}-{n}";
                onSending?.Invoke(key);
                tally.Sending();
                var started = clock.Elapsed;
                try
                {
                    var result = await producer.SendSync(new Message(topic, Body(key, bodySize))).ConfigureAwait(false);
                    tally.Acknowledge(key);
                    onAcknowledged?.Invoke(result);
                }
                catch (Exception e) when (e is RocketMQException)
                {
                    tally.Error(e);
                    if (failures is not null)
                    {
                        lock (failures)
                        {
                            failures.Add(new SendFailure(key, started, clock.Elapsed, e));
                        }
                    }
                }
            }
        }, cancellationToken)));
    }

    /// <summary>Polls <paramref name="done"/> every 10 ms; false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> Until(Func<bool> done, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}

/// <summary>A send that failed: its key, when it started and ended (from the stream's start), and why.</summary>
internal sealed record SendFailure(string Key, TimeSpan Started, TimeSpan Ended, Exception Error);
