using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>A lite pull consumer that starts, polls, acknowledges and shuts down without trouble logs nothing above Debug.</summary>
public sealed class PullCleanShutdownTests : PullClusterTestBase
{
    [Fact]
    public async Task Start_poll_ack_and_shutdown_log_nothing_above_debug()
    {
        for (var round = 0; round < 3; round++)
        {
            var topic = await NewTopic(4);
            var logs = new RecordingLoggerFactory();
            var consumer = NewConsumer(Unique("pquiet"), ConsumerOptions.WithLoggerFactory(logs));
            consumer.Subscribe(topic, MessageSelector.All);
            await consumer.Start();
            for (var q = 0; q < 4; q++)
            {
                await SendTo(Queue(topic, q), 5, "r" + round);
            }

            (await PollAndAck(consumer, 20)).Should().HaveCount(20);
            await consumer.Shutdown().WaitAsync(Wait);

            logs.Entries.Where(e => e.Level > LogLevel.Debug).Should().BeEmpty($"round {round} went well");
        }
    }
}
