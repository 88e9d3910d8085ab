using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples.Consumer;

/// <summary>
/// Go: examples/consumer/strategy: choose how the group shares the queues (--strategy averagely (default), circle,
/// hash (Java's ring), gohash (Go's ring), nearby (Java's machine room nearby over averagely, the room being the text
/// before the first '-' of a broker name or client id)) and print which queues this consumer owns.
/// </summary>
internal static class Strategy
{
    public static async Task<int> Run(ExampleContext ctx)
    {
        var topic = ctx.Flags.Topic(PushExample.DefaultTopic);
        var count = ctx.Flags.Count(10);
        var strategy = (ctx.Flags.Get("strategy") ?? "averagely") switch
        {
            "circle" => Strategies.AllocateByAveragelyCircle,
            "hash" => Strategies.AllocateByConsistentHash(10),
            "gohash" => Strategies.AllocateByGoConsistentHash(10),
            "nearby" => Strategies.AllocateByMachineRoomNearby(Strategies.AllocateByAveragely, mq => RoomOf(mq.BrokerName), RoomOf),
            "averagely" => Strategies.AllocateByAveragely,
            var other => throw new ArgumentException($"--strategy is averagely, circle, hash, gohash or nearby, not '{other}'"),
        };
        var options = await PushExample.Options(ctx, "testGroup", extra: ConsumerOptions.WithStrategy(strategy));
        await PushExample.SeedIfEmbedded(ctx, topic, count);
        await using var consumer = Rocketmq.NewPushConsumer(options);
        var counter = new PushExample.Counter(count);
        consumer.Subscribe(topic, MessageSelector.All, (c, msgs) =>
        {
            foreach (var msg in msgs)
            {
                PushExample.Print(ctx, msg, $"(from {c.ConcurrentlyCtx?.MQ})");
            }

            counter.Add(msgs.Count);
            return ConsumeResult.ConsumeSuccess;
        });
        return await PushExample.RunUntilDone(ctx, consumer, counter.Done);
    }

    private static string RoomOf(string name) => name.Split('-')[0];
}
