using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>
/// resetOffsetByTime (Java: ResetOffsetByTimeCommand): moves a group's offsets on a topic to a store time. An
/// online group is told through its brokers and reconsumes from there; an offline one gets the offsets written
/// (Java falls back to ResetOffsetByTimeOldCommand and prints its table).
/// </summary>
internal sealed class ResetOffsetByTimeCommand : Command
{
    public override string Name => "resetOffsetByTime";

    public override string Description => "Reset consumer offset by timestamp(without client restart).";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("g", "group", "set the consumer group", Required: true),
        new("t", "topic", "set the topic", Required: true),
        new("s", "timestamp", "set the timestamp[now|currentTimeMillis|yyyy-MM-dd#HH:mm:ss:SSS]", Required: true),
        new("f", "force", "set the force rollback by timestamp switch[true|false]"),
        OptionSpec.Flag("c", "cplus", "reset c++ client offset"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var (group, topic, text) = (ctx.Args.Required("g"), ctx.Args.Required("t"), ctx.Args.Required("s"));
        var timestamp = text == "now" ? -1 : ParseTimestamp(text, "s");
        var force = ctx.Args.Bool("f", true);
        if (!await OffsetWriting.IsOnline(ctx, group).ConfigureAwait(false))
        {
            var stats = await ctx.Admin.RollbackOffsets(ctx.Ct, topic, group, timestamp == -1 ? null : DateTimeOffset.FromUnixTimeMilliseconds(timestamp), force).ConfigureAwait(false);
            ctx.Emit(OffsetWriting.Rollback(group, topic, force, text, timestamp, stats), RmqJson.Default.RollbackResult, static (w, r) =>
            {
                w.Write($"rollback consumer offset by specified consumerGroup[{r.Group}], topic[{r.Topic}], force[{Str(r.Force)}], timestamp(string)[{r.Timestamp}], timestamp(long)[{Str(r.TimestampMillis)}]\n");
                OffsetWriting.PrintRollback(w, r);
            });
            return;
        }

        var offsets = timestamp == -1
            ? await ctx.Admin.SkipAccumulatedMessages(ctx.Ct, topic, group, force).ConfigureAwait(false)
            : await ctx.Admin.ResetOffsetByTimestamp(ctx.Ct, topic, group, DateTimeOffset.FromUnixTimeMilliseconds(timestamp), force).ConfigureAwait(false);
        ctx.Emit(OffsetWriting.Reset(group, topic, force, text, timestamp, offsets), RmqJson.Default.ResetResult, static (w, r) =>
        {
            w.Write($"rollback consumer offset by specified group[{r.Group}], topic[{r.Topic}], force[{Str(r.Force)}], timestamp(string)[{r.Timestamp}], timestamp(long)[{Str(r.TimestampMillis)}]\n");
            OffsetWriting.PrintReset(w, r);
        });
    }
}

/// <summary>skipAccumulatedMessage (Java: SkipAccumulationSubCommand): moves a group's offsets on a topic to the end of each queue.</summary>
internal sealed class SkipAccumulatedMessageCommand : Command
{
    public override string Name => "skipAccumulatedMessage";

    public override string Description => "Skip all messages that are accumulated (not consumed) currently";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("g", "group", "set the consumer group", Required: true),
        new("t", "topic", "set the topic", Required: true),
        new("f", "force", "set the force rollback by timestamp switch[true|false]"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var (group, topic) = (ctx.Args.Required("g"), ctx.Args.Required("t"));
        var force = ctx.Args.Bool("f", true);
        if (!await OffsetWriting.IsOnline(ctx, group).ConfigureAwait(false))
        {
            var stats = await ctx.Admin.RollbackOffsets(ctx.Ct, topic, group, null, force).ConfigureAwait(false);
            ctx.Emit(OffsetWriting.Rollback(group, topic, force, "-1", -1, stats), RmqJson.Default.RollbackResult, static (w, r) => OffsetWriting.PrintRollback(w, r));
            return;
        }

        var offsets = await ctx.Admin.SkipAccumulatedMessages(ctx.Ct, topic, group, force).ConfigureAwait(false);
        ctx.Emit(OffsetWriting.Reset(group, topic, force, "-1", -1, offsets), RmqJson.Default.ResetResult, static (w, r) => OffsetWriting.PrintReset(w, r));
    }
}

/// <summary>
/// cloneGroupOffset (Java: CloneGroupOffsetCommand): gives a group the source group's offsets on a topic. Java's
/// command copies every queue of the source group's consume stats; here the brokers of the topic copy its queues
/// (CLONE_GROUP_OFFSET, Java's admin cloneGroupOffset), -o true also when the source group is online without the topic.
/// </summary>
internal sealed class CloneGroupOffsetCommand : Command
{
    public override string Name => "cloneGroupOffset";

    public override string Description => "clone offset from other group.";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("s", "srcGroup", "set source consumer group", Required: true),
        new("d", "destGroup", "set destination consumer group", Required: true),
        new("t", "topic", "set the topic", Required: true),
        new("o", "offline", "the group or the topic is offline"),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var (src, dest, topic) = (ctx.Args.Required("s"), ctx.Args.Required("d"), ctx.Args.Required("t"));
        await ctx.Admin.CloneGroupOffset(ctx.Ct, src, dest, topic, ctx.Args.Bool("o", false)).ConfigureAwait(false);
        ctx.Emit(new CloneResult(src, dest, topic), RmqJson.Default.CloneResult, static (w, r) =>
            w.Write($"clone group offset success. srcGroup[{r.SrcGroup}], destGroup=[{r.DestGroup}], topic[{r.Topic}]\n"));
    }
}

/// <summary>What the offset commands share: the online check and Java's two tables.</summary>
internal static class OffsetWriting
{
    /// <summary>Java falls back to writing offsets when the brokers answer CONSUMER_NOT_ONLINE.</summary>
    public static async Task<bool> IsOnline(CommandContext ctx, string group)
    {
        try
        {
            return (await ctx.Admin.ExamineConsumerConnectionInfo(ctx.Ct, group).ConfigureAwait(false)).Connections.Count > 0;
        }
        catch (ConsumerNotOnlineException)
        {
            return false;
        }
    }

    public static ResetResult Reset(string group, string topic, bool force, string text, long millis, IReadOnlyDictionary<MessageQueue, long> offsets)
        => new(group, topic, force, text, millis, offsets.OrderBy(o => o.Key.BrokerName, StringComparer.Ordinal).ThenBy(o => o.Key.QueueId)
            .Select(o => new QueueOffsetRow(o.Key.BrokerName, o.Key.QueueId, o.Value)).ToList());

    public static RollbackResult Rollback(string group, string topic, bool force, string text, long millis, IReadOnlyList<RollbackStats> stats)
        => new(group, topic, force, text, millis, stats.Select(s => new RollbackRow(s.Queue.BrokerName, s.Queue.QueueId, s.BrokerOffset, s.ConsumerOffset, s.TimestampOffset, s.RollbackOffset)).ToList());

    public static void PrintReset(TextWriter w, ResetResult r)
    {
        w.Write($"{L("#brokerName", 40)}  {L("#queueId", 40)}  {L("#offset", 40)}\n");
        foreach (var q in r.Queues)
        {
            w.Write($"{L(Front(q.BrokerName, 32), 40)}  {L(q.QueueId, 40)}  {L(q.Offset, 40)}\n");
        }
    }

    public static void PrintRollback(TextWriter w, RollbackResult r)
    {
        w.Write($"{L("#brokerName", 20)}  {L("#queueId", 20)}  {L("#brokerOffset", 20)}  {L("#consumerOffset", 20)}  {L("#timestampOffset", 20)}  {L("#rollbackOffset", 20)}\n");
        foreach (var q in r.Queues)
        {
            w.Write($"{L(Front(q.BrokerName, 32), 20)}  {L(q.QueueId, 20)}  {L(q.BrokerOffset, 20)}  {L(q.ConsumerOffset, 20)}  {L(q.TimestampOffset, 20)}  {L(q.RollbackOffset, 20)}\n");
        }
    }
}

internal sealed record ResetResult(string Group, string Topic, bool Force, string Timestamp, long TimestampMillis, IReadOnlyList<QueueOffsetRow> Queues);

internal sealed record QueueOffsetRow(string BrokerName, int QueueId, long Offset);

internal sealed record RollbackResult(string Group, string Topic, bool Force, string Timestamp, long TimestampMillis, IReadOnlyList<RollbackRow> Queues);

internal sealed record RollbackRow(string BrokerName, int QueueId, long BrokerOffset, long ConsumerOffset, long TimestampOffset, long RollbackOffset);

internal sealed record CloneResult(string SrcGroup, string DestGroup, string Topic);
