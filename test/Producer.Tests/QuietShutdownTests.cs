using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>A shutdown that cuts a route lookup short is the client's doing, not a name server fault.</summary>
public sealed class QuietShutdownTests
{
    [Fact]
    public async Task A_route_lookup_in_flight_at_shutdown_is_not_reported_as_a_name_server_failure()
    {
        await using var hung = new StallingServer();
        var logs = new RecordingLoggerFactory();
        var group = $"quiet_{Environment.ProcessId}_{Guid.NewGuid():N}";
        var producer = DefaultProducer.NewDefaultProducer(
            ProducerOptions.WithNameServer(hung.Address), ProducerOptions.WithGroupName(group), ProducerOptions.WithInstanceName(group),
            ProducerOptions.WithSendMsgTimeout(TimeSpan.FromSeconds(30)), ProducerOptions.WithLoggerFactory(logs));
        await producer.Start();

        var send = producer.SendSync(new Message("QuietTopic", "x"u8.ToArray()));
        var connected = Task.Run(async () =>
        {
            while (hung.Connections == 0)
            {
                await Task.Delay(10);
            }
        });
        await connected.WaitAsync(TimeSpan.FromSeconds(20));

        await producer.Shutdown().WaitAsync(TimeSpan.FromSeconds(20));
        await FluentActions.Awaiting(() => send.WaitAsync(TimeSpan.FromSeconds(20))).Should().ThrowAsync<Exception>();

        logs.Entries.Where(e => e.Category.EndsWith("Namesrvs", StringComparison.Ordinal) && e.Level > LogLevel.Debug)
            .Should().BeEmpty("the lookup was cut short by the shutdown, not by the name server");
    }
}
