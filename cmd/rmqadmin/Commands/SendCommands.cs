using System.Diagnostics;
using System.Text;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>sendMessage (Java: SendMessageCommand): sends one message, to a chosen queue with -b and -i.</summary>
internal sealed class SendMessageCommand : Command
{
    public override string Name => "sendMessage";

    public override string Description => "Send a message";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "Topic name", Required: true),
        new("p", "body", "UTF-8 string format of the message body", Required: true),
        new("k", "key", "Message keys"),
        new("c", "tags", "Message tags"),
        new("b", "broker", "Send message to target broker"),
        new("i", "qid", "Send message to target queue"),
        new("m", "msgTraceEnable", "Message Trace Enable, Default: false"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var topic = ctx.Args.Required("t");
        var msg = new Message(topic, Encoding.UTF8.GetBytes(ctx.Args.Required("p")));
        if (ctx.Args.Value("c") is { } tags)
        {
            msg.WithTag(tags);
        }

        if (ctx.Args.Value("k") is { } keys)
        {
            msg.WithKeys([keys]);
        }

        if (ctx.Args.Has("i"))
        {
            msg.Queue = new MessageQueue(topic, ctx.Args.Value("b") ?? throw new UsageException("Broker name must be set if the queue is chosen!"), ctx.Args.Int("i", 0));
        }

        if (ctx.Args.Bool("m", false))
        {
            throw new UsageException("message traces (-m true) are not supported by rmqadmin");
        }

        var producer = await ctx.Producer(manualQueue: msg.Queue is not null).ConfigureAwait(false);
        var result = await producer.SendSync(CallContext.From(ctx.Ct), msg).ConfigureAwait(false);
        var row = new SendRow(result.MessageQueue?.BrokerName ?? "Unknown", result.MessageQueue?.QueueId ?? -1, result.Status.ToJavaName(), result.MsgID);
        ctx.Emit(row, RmqJson.Default.SendRow, static (w, r) =>
        {
            w.Write($"{L("#Broker Name", 32)}  {L("#QID", 4)}  {L("#Send Result", 20)}    #MsgId\n");
            w.Write($"{L(r.BrokerName, 32)}  {L(Str(r.QueueId), 4)}  {L(r.SendResult, 20)}    {r.MsgId}\n");
        });
    }
}

/// <summary>checkMsgSendRT (Java: CheckMsgSendRTCommand): sends -a messages of -s bytes round the topic's queues, timing each.</summary>
internal sealed class CheckMsgSendRTCommand : Command
{
    public override string Name => "checkMsgSendRT";

    public override string Description => "check message send response time";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "topic name", Required: true),
        new("a", "amount", "message amount | default 100"),
        new("s", "size", "message size | default 128 Byte"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var topic = ctx.Args.Required("t");
        var amount = ctx.Args.Long("a", 100);
        var size = ctx.Args.Int("s", 128);
        var queues = (await ctx.Admin.FetchPublishMessageQueues(ctx.Ct, topic).ConfigureAwait(false))
            .OrderBy(q => q.BrokerName, StringComparer.Ordinal).ThenBy(q => q.QueueId).ToList();
        var producer = await ctx.Producer(manualQueue: true).ConfigureAwait(false);
        var body = Encoding.UTF8.GetBytes(new string('a', size));
        var rows = new List<SendRtRow>();
        long elapsedAfterFirst = 0;
        for (var i = 0L; i < amount; i++)
        {
            var queue = queues[(int)(i % queues.Count)];
            var started = Stopwatch.GetTimestamp();
            bool ok;
            try
            {
                await producer.SendSync(CallContext.From(ctx.Ct), new Message(topic, body) { Queue = queue }).ConfigureAwait(false);
                ok = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ok = false;
            }

            var rt = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i != 0)
            {
                elapsedAfterFirst += rt;
            }

            rows.Add(new SendRtRow(queue.BrokerName, queue.QueueId, ok, rt));
        }

        // As Java: the first send (route lookup, connection) is left out of the average.
        var avg = elapsedAfterFirst / (double)(amount - 1);
        ctx.Emit(new SendRtResult(rows, avg), RmqJson.Default.SendRtResult, static (w, r) =>
        {
            w.Write($"{L("#Broker Name", 32)}  {L("#QID", 4)}  {L("#Send Result", 20)}    #RT\n");
            foreach (var row in r.Sends)
            {
                w.Write($"{L(row.BrokerName, 32)}  {L(Str(row.QueueId), 4)}  {L(Str(row.Ok), 20)}    {Str(row.Rt)}\n");
            }

            w.Write($"Avg RT: {F(r.AvgRt, 2)}\n");
        });
    }
}

/// <summary>
/// clusterRT (Java: CLusterSendMsgRTCommand): every -i seconds, sends -a messages of -s bytes to each broker's own
/// topic (named after the broker) and prints the average send time per broker, until stopped (Ctrl-C).
/// </summary>
internal sealed class ClusterRTCommand : Command
{
    public override string Name => "clusterRT";

    public override string Description => "List All clusters Message Send RT";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("a", "amount", "message amount | default 100"),
        new("s", "size", "message size | default 128 Byte"),
        new("c", "cluster", "cluster name | default display all cluster"),
        new("p", "print log", "print as tlog | default false"),
        new("m", "machine room", "machine room name | default noname"),
        new("i", "interval", "print interval | default 10 seconds"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var amount = ctx.Args.Long("a", 100);
        var size = ctx.Args.Int("s", 128);
        var interval = TimeSpan.FromSeconds(ctx.Args.Long("i", 10));
        var asTlog = ctx.Args.Bool("p", false);
        var room = ctx.Args.Value("m") ?? "noname";
        var info = await ctx.Admin.GetBrokerClusterInfo(ctx.Ct).ConfigureAwait(false);
        var clusters = ctx.Args.Value("c") is { } one ? [one] : info.Clusters.Keys.Order(StringComparer.Ordinal).ToList();
        var producer = await ctx.Producer(manualQueue: false).ConfigureAwait(false);
        var body = Encoding.UTF8.GetBytes(new string('a', size));
        if (!asTlog && !ctx.Args.Json)
        {
            ctx.Out.Write($"{L("#Cluster Name", 24)}  {L("#Broker Name", 24)}  {L("#RT", 4)}  {L("#successCount", 8)}  {L("#failCount", 8)}\n");
        }

        while (true)
        {
            var rows = new List<ClusterRtRow>();
            foreach (var cluster in clusters)
            {
                if (!info.Clusters.TryGetValue(cluster, out var brokerNames))
                {
                    throw new InvalidOperationException($"cluster [{cluster}] not exist (known: {string.Join(", ", info.Clusters.Keys.Order(StringComparer.Ordinal))})");
                }

                foreach (var brokerName in brokerNames.Order(StringComparer.Ordinal))
                {
                    rows.Add(await Measure(ctx, producer, cluster, brokerName, body, amount).ConfigureAwait(false));
                }
            }

            ctx.Emit(new ClusterRtResult(rows), RmqJson.Default.ClusterRtResult, (w, r) =>
            {
                foreach (var row in r.Brokers)
                {
                    w.Write(asTlog
                        ? $"{DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm:ss}|{room}|{row.Cluster}|{row.BrokerName}|{Str((long)Math.Round(row.Rt, MidpointRounding.AwayFromZero))}\n"
                        : $"{L(row.Cluster, 24)}  {L(row.BrokerName, 24)}  {L(F(row.Rt, 2), 8)}  {L(Str(row.SuccessCount), 16)}  {L(Str(row.FailCount), 16)}\n");
                }
            });
            await ctx.Out.FlushAsync(ctx.Ct).ConfigureAwait(false);
            await Task.Delay(interval, ctx.Ct).ConfigureAwait(false);
        }
    }

    private static async Task<ClusterRtRow> Measure(CommandContext ctx, Producer.DefaultProducer producer, string cluster, string brokerName, byte[] body, long amount)
    {
        long elapsed = 0;
        int success = 0, fail = 0;
        for (var i = 0L; i < amount; i++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await producer.SendSync(CallContext.From(ctx.Ct), new Message(brokerName, body)).ConfigureAwait(false);
                success++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                fail++;
            }

            // As Java, the first send (connection set-up) is not timed, unless it is the only one.
            if (i != 0 || amount == 1)
            {
                elapsed += (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        return new ClusterRtRow(cluster, brokerName, elapsed / (double)Math.Max(amount - 1, 1), success, fail);
    }
}

internal sealed record SendRow(string BrokerName, int QueueId, string SendResult, string MsgId);

internal sealed record SendRtResult(IReadOnlyList<SendRtRow> Sends, double AvgRt);

internal sealed record SendRtRow(string BrokerName, int QueueId, bool Ok, long Rt);

internal sealed record ClusterRtResult(IReadOnlyList<ClusterRtRow> Brokers);

internal sealed record ClusterRtRow(string Cluster, string BrokerName, double Rt, int SuccessCount, int FailCount);
