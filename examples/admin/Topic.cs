using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Admin.AdminOptions;

namespace RocketMQ.Go.Port.Examples.Admin;

/// <summary>
/// Go: examples/admin/topic: list the topics, create one, show its queues, delete it. --topic (default newOne),
/// --broker host:port to create on one broker only (default: every master), --queues N (default 8), --keep to skip
/// the delete.
/// </summary>
internal static class Topic
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic("newOne");
        var queues = ctx.Flags.Int("queues", 8);
        await using var admin = await AdminExample.NewAdmin(ctx);
        var failures = 0;

        try
        {
            var list = await admin.FetchAllTopicList(ctx.CancellationToken);
            ctx.PrintObject(string.Join(' ', list.Topics), new { step = "list", topics = list.Topics });
        }
        catch (RocketMQException e)
        {
            failures++;
            AdminExample.PrintError(ctx, "FetchAllTopicList", e);
        }

        try
        {
            var create = new List<OptionCreate> { WithTopicCreate(topic), WithReadQueueNums(queues), WithWriteQueueNums(queues) };
            if (ctx.Flags.Get("broker") is { } broker)
            {
                create.Add(WithBrokerAddrCreate(broker));
            }

            await admin.CreateTopic(ctx.CancellationToken, [.. create]);
            var mqs = await admin.FetchPublishMessageQueues(ctx.CancellationToken, topic);
            var clusters = await admin.FetchClusterList(topic, ctx.CancellationToken);
            ctx.PrintObject($"created topic {topic}: {mqs.Count} queues in cluster(s) {string.Join(',', clusters)}: {string.Join(' ', mqs)}",
                new { step = "create", topic, queues = mqs.Count, clusters, brokers = mqs.Select(q => q.BrokerName).Distinct().Order(StringComparer.Ordinal) });
        }
        catch (RocketMQException e)
        {
            failures++;
            AdminExample.PrintError(ctx, "Create topic", e);
        }

        if (!ctx.Flags.Has("keep"))
        {
            try
            {
                await admin.DeleteTopic(ctx.CancellationToken, WithTopicDelete(topic));
                ctx.PrintObject($"deleted topic {topic}", new { step = "delete", topic });
            }
            catch (RocketMQException e)
            {
                failures++;
                AdminExample.PrintError(ctx, "Delete topic", e);
            }
        }

        await admin.Close();
        return failures == 0 ? 0 : 1;
    }
}
