using System.Diagnostics;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Start and Shutdown of the consumers keep their bounds against a name server that never answers, take a token, and
/// their errors say what they were waiting for.
/// </summary>
public sealed class StartDeadlineTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(1);

    // Timer-driven deadlines: the slack covers thread-pool delays on a loaded 2-core machine; without the bound the
    // start waits 6 s per name server.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1500);
    private static int _seed;

    private static string Group() => $"sd_{Environment.ProcessId}_{Interlocked.Increment(ref _seed)}";

    private static PushConsumer NewPushConsumer(string nameServer, string group, params ConsumerOption[] opts)
    {
        var consumer = PushConsumer.NewPushConsumer([ConsumerOptions.WithNameServer(nameServer), ConsumerOptions.WithGroupName(group), .. opts]);
        consumer.Subscribe("StartDeadlineTopic", MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);
        return consumer;
    }

    [Fact]
    public async Task Push_consumer_start_on_a_hung_name_server_fails_within_the_start_timeout_saying_what_it_waited_for()
    {
        await using var hung = new StallingServer();
        var group = Group();
        await using var consumer = NewPushConsumer(hung.Address, group, ConsumerOptions.WithStartTimeout(StartTimeout));

        var clock = Stopwatch.StartNew();
        var act = () => consumer.Start();

        var error = (await act.Should().ThrowAsync<MQClientException>()).Which;
        clock.Elapsed.Should().BeLessThan(StartTimeout + Slack);
        error.Code.Should().Be(ClientErrors.ErrTopicNotExist);
        error.Description.Should().StartWith($"push consumer group {group} did not start within 1000 ms: it was waiting for the route of topic StartDeadlineTopic: ")
            .And.Contain($"asking name server {hung.Address}");
        error.InnerException.Should().BeOfType<RemotingTimeoutException>();
    }

    [Fact]
    public async Task Pull_consumer_start_on_a_hung_name_server_fails_within_the_start_timeout()
    {
        await using var hung = new StallingServer();
        var group = Group();
        await using var consumer = PullConsumer.NewPullConsumer(ConsumerOptions.WithNameServer(hung.Address), ConsumerOptions.WithGroupName(group),
            ConsumerOptions.WithStartTimeout(StartTimeout));
        consumer.Subscribe("StartDeadlineTopic", MessageSelector.All);

        var clock = Stopwatch.StartNew();
        var act = () => consumer.Start();

        (await act.Should().ThrowAsync<MQClientException>()).Which.Description
            .Should().StartWith($"pull consumer group {group} did not start within 1000 ms: it was waiting for the route of topic StartDeadlineTopic: ")
            .And.Contain($"asking name server {hung.Address}");
        clock.Elapsed.Should().BeLessThan(StartTimeout + Slack);
    }

    [Fact]
    public async Task A_cancelled_start_stops_at_once_and_releases_what_it_took()
    {
        await using var hung = new StallingServer();
        await using var consumer = NewPushConsumer(hung.Address, Group(), ConsumerOptions.WithStartTimeout(TimeSpan.FromSeconds(30)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        var act = () => consumer.Start(cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(300) + Slack);
        var subscribe = () => consumer.Subscribe("Other", MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);
        subscribe.Should().Throw<MQClientException>("a failed start shut the consumer down");
    }

    [Fact]
    public async Task A_refused_name_server_is_named_at_start()
    {
        var refusing = DeadEnds.RefusingAddress();
        var group = Group();
        await using var consumer = NewPushConsumer(refusing, group);

        var act = () => consumer.Start();

        var error = (await act.Should().ThrowAsync<MQClientException>()).Which;
        error.Code.Should().Be(ClientErrors.ErrTopicNotExist);
        error.Description.Should().Be($"push consumer group {group} cannot start: no name server answered the route query of topic StartDeadlineTopic: {refusing} refused the connection");
        error.InnerException.Should().BeOfType<NameServerUnreachableException>().Which.InnerException.Should().BeAssignableTo<RemotingConnectException>();
    }

    [Fact]
    public async Task Without_a_name_server_start_says_which_sources_were_tried()
    {
        Environment.GetEnvironmentVariable(EnvResolver.VariableName).Should().BeNull("this test needs NAMESRV_ADDR unset");
        await using var consumer = PushConsumer.NewPushConsumer(ConsumerOptions.WithGroupName(Group()));
        consumer.Subscribe("StartDeadlineTopic", MessageSelector.All, (_, _) => ConsumeResult.ConsumeSuccess);

        var act = () => consumer.Start();

        var error = (await act.Should().ThrowAsync<MQClientException>()).Which;
        error.Code.Should().Be(ClientErrors.ErrNoNameserver);
        error.Description.Should().Be("no name server address: the HTTP resolver at http://jmenv.tbsite.net:8080/rocketmq/nsaddr gave none, and neither its "
            + "snapshot nor the NAMESRV_ADDR environment variable had any; set one with WithNameServer(\"host:9876\"), the NAMESRV_ADDR=host:9876 "
            + "environment variable, or WithNsResolver/WithNameServerDomain", "a consumer's default resolver is Go's HTTP resolver");
    }
}
