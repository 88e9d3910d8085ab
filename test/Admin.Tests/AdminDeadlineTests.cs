using System.Diagnostics;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Admin.AdminOptions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Admin calls keep <see cref="AdminOptions.RequestTimeout"/> and name the cause of a missing route.</summary>
public sealed class AdminDeadlineTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    // Timer-driven deadline: the slack covers the JIT of a process's first calls and thread-pool delays on a loaded
    // 2-core machine (three calls ended 0.67 s late once while the suite started). Serialised behind one lock, the
    // three took 6, 12 and 18 s, so the bound still tells the mechanism from its absence.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public async Task Three_concurrent_cluster_list_queries_to_a_hung_name_server_fail_within_the_request_timeout()
    {
        await using var hung = new StallingServer();
        await using var admin = DefaultAdmin.NewAdmin(WithNameServer(hung.Address), WithRequestTimeout(RequestTimeout));

        var clock = Stopwatch.StartNew();
        var calls = Enumerable.Range(0, 3).Select(async i =>
        {
            try
            {
                await admin.FetchClusterList($"AdminDeadline{i % 2}");
                return (Error: (Exception?)null, Elapsed: clock.Elapsed);
            }
            catch (Exception e)
            {
                return (Error: e, Elapsed: clock.Elapsed);
            }
        }).ToArray();
        var outcomes = await Task.WhenAll(calls);

        outcomes.Should().AllSatisfy(o =>
        {
            o.Error.Should().BeOfType<RemotingTimeoutException>().Which.Message.Should().Contain(hung.Address);
            o.Elapsed.Should().BeLessThan(RequestTimeout + Slack);
        });
    }

    [Fact]
    public async Task Close_with_a_call_waiting_on_a_hung_name_server_stops_at_its_token_and_fails_the_call()
    {
        await using var hung = new StallingServer();
        var admin = DefaultAdmin.NewAdmin(WithNameServer(hung.Address), WithRequestTimeout(TimeSpan.FromSeconds(30)));
        var waiting = admin.FetchClusterList("AdminCloseTopic");
        var connected = Stopwatch.StartNew();
        while (hung.Connections == 0 && connected.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        hung.Connections.Should().BeGreaterThan(0, "the call is waiting for the name server's answer");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        await admin.Close(cancel.Token).WaitAsync(TimeSpan.FromSeconds(10));

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(300) + TimeSpan.FromSeconds(2), "neither the 30 s call nor its name server holds Close");
        var call = () => waiting.WaitAsync(TimeSpan.FromSeconds(5));
        await call.Should().ThrowAsync<RocketMQException>("the waiting call ends with Close, not after its 30 s");
        var after = () => admin.FetchClusterList("AdminCloseTopic");
        (await after.Should().ThrowAsync<MQClientException>()).Which.Description.Should().EndWith("the admin is closed");
    }

    [Fact]
    public async Task A_refused_name_server_is_named()
    {
        var refusing = DeadEnds.RefusingAddress();
        await using var admin = DefaultAdmin.NewAdmin(WithNameServer(refusing));

        var act = () => admin.FetchClusterList("AnyTopic");

        (await act.Should().ThrowAsync<NameServerUnreachableException>()).Which.Message
            .Should().Be($"no name server answered the route query of topic AnyTopic: {refusing} refused the connection");
    }

    [Fact]
    public async Task Without_a_name_server_the_error_says_which_sources_were_tried_and_how_to_set_one()
    {
        Environment.GetEnvironmentVariable(EnvResolver.VariableName).Should().BeNull("this test needs NAMESRV_ADDR unset");
        await using var admin = DefaultAdmin.NewAdmin();

        var act = () => admin.FetchClusterList("AnyTopic");

        var error = (await act.Should().ThrowAsync<MQClientException>()).Which;
        error.Code.Should().Be(ClientErrors.ErrNoNameserver);
        error.Description.Should().Be("no name server address: no name server option was given and the NAMESRV_ADDR environment variable is not set; "
            + "set one with WithNameServer(\"host:9876\"), the NAMESRV_ADDR=host:9876 environment variable, or WithNsResolver/WithNameServerDomain");
    }
}
