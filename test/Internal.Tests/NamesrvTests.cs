using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public sealed class NamesrvTests
{
    private static readonly TimeSpan Bound = TestOptions.Bound;

    private static Namesrvs Create(RemotingClient transport, params string[] addrs)
        => new(new StaticResolver(addrs), transport, ownsRemotingClient: false);

    [Fact]
    public async Task Route_query_is_cached_and_only_a_different_route_counts_as_changed()
    {
        await using var ns = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, ns.Address);
        ns.SetRoute("T", FakeNameServer.Route(4, ("broker-a", "10.0.0.1:10911")));

        var (first, changed1) = await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound);
        var (_, changed2) = await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound);

        changed1.Should().BeTrue("the first route of a topic is a change");
        changed2.Should().BeFalse("the name server answered the same route");
        first.QueueDataList.Should().ContainSingle().Which.WriteQueueNums.Should().Be(4);
        namesrvs.GetTopicRouteData("T")!.SameRouteAs(first).Should().BeTrue();
        namesrvs.FindBrokerAddrByName("broker-a").Should().Be("10.0.0.1:10911");
        namesrvs.FindBrokerAddrByTopic("T").Should().Be("10.0.0.1:10911");

        // Same brokers listed in another order: not a change; one more queue: a change.
        ns.SetRoute("T", FakeNameServer.Route(4, ("broker-b", "10.0.0.2:10911"), ("broker-a", "10.0.0.1:10911")));
        (await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound)).Changed.Should().BeTrue();
        ns.SetRoute("T", FakeNameServer.Route(4, ("broker-a", "10.0.0.1:10911"), ("broker-b", "10.0.0.2:10911")));
        (await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound)).Changed.Should().BeFalse();
        ns.SetRoute("T", FakeNameServer.Route(5, ("broker-a", "10.0.0.1:10911"), ("broker-b", "10.0.0.2:10911")));
        (await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound)).Changed.Should().BeTrue();
    }

    [Fact]
    public async Task Fetch_publish_queues_uses_the_cache_after_the_first_query()
    {
        await using var ns = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, ns.Address);
        ns.SetRoute("T", FakeNameServer.Route(2, ("broker-b", "10.0.0.2:10911"), ("broker-a", "10.0.0.1:10911")));

        var queues = await namesrvs.FetchPublishMessageQueues("T").WaitAsync(Bound);
        var again = await namesrvs.FetchPublishMessageQueues("T").WaitAsync(Bound);

        queues.Should().Equal(
            new MessageQueue("T", "broker-a", 0), new MessageQueue("T", "broker-a", 1),
            new MessageQueue("T", "broker-b", 0), new MessageQueue("T", "broker-b", 1));
        again.Should().Equal(queues);
        ns.Queries.Should().Be(1);
    }

    [Fact]
    public async Task A_dead_name_server_is_skipped_within_the_same_call()
    {
        await using var ns = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, FakeNameServer.DeadAddress(), ns.Address);
        ns.SetRoute("T", FakeNameServer.Route(4, ("broker-a", "10.0.0.1:10911")));

        // Round robin starts at the dead one for the first call and at the live one for the second.
        for (var i = 0; i < 4; i++)
        {
            var queues = await namesrvs.FetchSubscribeMessageQueues("T").WaitAsync(Bound);
            queues.Should().HaveCount(4);
        }

        ns.Queries.Should().Be(4);
    }

    [Fact]
    public async Task Queries_stay_on_the_name_server_that_answered_and_move_on_only_when_it_fails()
    {
        var first = new FakeNameServer();
        await using var second = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, first.Address, second.Address);
        foreach (var ns in new[] { first, second })
        {
            ns.SetRoute("T", FakeNameServer.Route(4, ("broker-a", "10.0.0.1:10911")));
        }

        for (var i = 0; i < 5; i++)
        {
            await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound);
        }

        first.Queries.Should().Be(5, "Go's round robin would have sent every other query to the second");
        second.Queries.Should().Be(0);

        await first.DisposeAsync();
        for (var i = 0; i < 3; i++)
        {
            await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound);
        }

        second.Queries.Should().Be(3);
    }

    [Fact]
    public async Task A_route_one_name_server_shrank_is_confirmed_with_another_before_it_is_believed()
    {
        await using var restarted = new FakeNameServer();
        await using var other = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, restarted.Address, other.Address);
        var full = FakeNameServer.Route(4, ("broker-a", "10.0.0.1:10911"), ("broker-b", "10.0.0.2:10911"));
        restarted.SetRoute("T", full);
        other.SetRoute("T", full);
        (await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound)).Changed.Should().BeTrue();

        // The first name server restarted and knows only broker-a so far; the other still lists broker-b.
        restarted.SetRoute("T", FakeNameServer.Route(4, ("broker-a", "10.0.0.1:10911")));
        var (kept, changed) = await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound);

        changed.Should().BeFalse("the other name server still lists broker-b");
        kept.BrokerDataList.Select(b => b.BrokerName).Should().BeEquivalentTo("broker-a", "broker-b");
        other.Queries.Should().Be(1, "the shrink was confirmed there");

        // Both agree broker-b is gone: the shrink is real.
        other.SetRoute("T", FakeNameServer.Route(4, ("broker-a", "10.0.0.1:10911")));
        var (shrunk, shrinkChanged) = await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound);
        shrinkChanged.Should().BeTrue();
        shrunk.BrokerDataList.Should().ContainSingle().Which.BrokerName.Should().Be("broker-a");
    }

    [Fact]
    public async Task A_topic_one_name_server_forgot_is_kept_when_another_still_has_it()
    {
        await using var restarted = new FakeNameServer();
        await using var other = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, restarted.Address, other.Address);
        restarted.SetRoute("T", FakeNameServer.Route(4, ("broker-b", "10.0.0.2:10911")));
        other.SetRoute("T", FakeNameServer.Route(4, ("broker-b", "10.0.0.2:10911")));
        await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound);
        restarted.RemoveRoute("T");

        var (route, changed) = await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound);

        changed.Should().BeFalse();
        route.BrokerDataList.Should().ContainSingle().Which.BrokerName.Should().Be("broker-b");
    }

    [Fact]
    public async Task Concurrent_queries_of_one_topic_share_one_lookup_and_a_caller_waits_only_its_own_timeout()
    {
        await using var ns = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, ns.Address);
        ns.SetRoute("T", FakeNameServer.Route(4, ("broker-a", "10.0.0.1:10911")));
        var hold = ns.HoldRouteAnswers();

        var impatient = namesrvs.UpdateTopicRouteInfo("T", TimeSpan.FromMilliseconds(200), CancellationToken.None);
        var patient = Enumerable.Range(0, 4).Select(_ => namesrvs.UpdateTopicRouteInfo("T")).ToArray();

        var act = () => impatient.WaitAsync(Bound);
        (await act.Should().ThrowAsync<RemotingTimeoutException>()).Which.Message.Should().Contain(ns.Address).And.Contain("route query of topic T");
        hold.SetResult();
        var answers = await Task.WhenAll(patient).WaitAsync(Bound);

        answers.Should().AllSatisfy(a => a.RouteData.QueueDataList.Should().ContainSingle());
        ns.Queries.Should().Be(1, "one lookup served every caller, the one that gave up included");
    }

    [Fact]
    public async Task No_live_name_server_gives_a_connect_error_naming_the_topic()
    {
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, FakeNameServer.DeadAddress(), FakeNameServer.DeadAddress());

        var act = () => namesrvs.UpdateTopicRouteInfo("Orders").WaitAsync(Bound);

        (await act.Should().ThrowAsync<RemotingConnectException>()).Which.Message.Should().Contain("Orders");
    }

    [Fact]
    public async Task Unknown_topic_gives_topic_not_exist_naming_the_topic()
    {
        await using var ns = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, ns.Address);

        var act = () => namesrvs.UpdateTopicRouteInfo("NoSuchTopic").WaitAsync(Bound);

        var error = (await act.Should().ThrowAsync<MQClientException>()).Which;
        error.Code.Should().Be(ClientErrors.ErrTopicNotExist);
        error.Description.Should().Be($"topic NoSuchTopic does not exist: name server {ns.Address} has no route for it (No topic route info in name server for the topic: NoSuchTopic)",
            "\"does not exist\" is said only when a name server answered so, and names it");
        (await namesrvs.CheckTopicRouteHasTopic("NoSuchTopic").WaitAsync(Bound)).Should().BeFalse();
    }

    [Fact]
    public async Task Default_topic_route_is_capped_at_the_default_queue_count()
    {
        await using var ns = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, ns.Address);
        ns.SetRoute(Constants.DefaultTopic, FakeNameServer.Route(8, ("broker-a", "10.0.0.1:10911")));

        var (route, changed) = await namesrvs.UpdateTopicRouteInfoWithDefault("NewTopic", Constants.DefaultTopic, 4).WaitAsync(Bound);

        changed.Should().BeTrue();
        route.QueueDataList.Single().ReadQueueNums.Should().Be(4);
        route.QueueDataList.Single().WriteQueueNums.Should().Be(4);
        namesrvs.GetTopicRouteData("NewTopic").Should().NotBeNull();
    }

    [Fact]
    public async Task Subscribe_lookup_falls_back_from_a_missing_slave_and_clean_removes_brokers_no_route_names()
    {
        await using var ns = new FakeNameServer();
        await using var transport = new RemotingClient();
        var namesrvs = Create(transport, ns.Address);
        var route = FakeNameServer.Route(4, ("broker-a", "10.0.0.1:10911"));
        route.BrokerDataList[0].BrokerAddresses[2] = "10.0.0.3:10911";
        ns.SetRoute("T", route);
        await namesrvs.UpdateTopicRouteInfo("T").WaitAsync(Bound);
        namesrvs.AddBrokerVersion("broker-a", "10.0.0.1:10911", 409);

        namesrvs.FindBrokerAddressInSubscribe("broker-a", 0, true).Should().Be(new FindBrokerResult("10.0.0.1:10911", false, 409));
        namesrvs.FindBrokerAddressInSubscribe("broker-a", 1, true).Should().Be(new FindBrokerResult("10.0.0.3:10911", true, 0), "slave 1 is missing, so slave 2");
        namesrvs.FindBrokerAddressInSubscribe("broker-a", 5, true).Should().BeNull();
        namesrvs.FindBrokerAddressInSubscribe("broker-a", 5, false).Should().NotBeNull();
        namesrvs.FindBrokerAddressInSubscribe("broker-x", 0, false).Should().BeNull();

        // A broker known only from AddBroker (no cached route names it) is offline for the cleaner.
        namesrvs.AddBroker(FakeNameServer.Route(1, ("broker-gone", "10.0.0.9:10911")));
        namesrvs.FindBrokerAddrByName("broker-gone").Should().NotBeNull();
        namesrvs.CleanOfflineBroker();
        namesrvs.FindBrokerAddrByName("broker-gone").Should().BeNull();
        namesrvs.FindBrokerAddrByName("broker-a").Should().Be("10.0.0.1:10911");
        namesrvs.GetBrokerDataList().Should().ContainSingle().Which.BrokerAddresses.Should().HaveCount(2);
    }

    [Fact]
    public async Task Resolver_changes_are_picked_up_and_invalid_addresses_rejected()
    {
        await using var ns = new FakeNameServer();
        await using var transport = new RemotingClient();
        var resolver = new SwitchingResolver(FakeNameServer.DeadAddress());
        var namesrvs = new Namesrvs(resolver, transport, ownsRemotingClient: false);
        ns.SetRoute("T", FakeNameServer.Route(1, ("broker-a", "10.0.0.1:10911")));
        await FluentActions.Awaiting(() => namesrvs.FetchClusterList("T")).Should().ThrowAsync<RemotingException>();

        resolver.Addresses = [ns.Address];
        await namesrvs.UpdateNameServerAddress().WaitAsync(Bound);

        namesrvs.AddrList().Should().Equal(ns.Address);
        (await namesrvs.FetchClusterList("T").WaitAsync(Bound)).Should().Equal("DefaultCluster");
        resolver.Addresses = ["not an address"];
        await FluentActions.Awaiting(() => namesrvs.UpdateNameServerAddress()).Should().ThrowAsync<MQClientException>();
        resolver.Addresses = [];
        await namesrvs.UpdateNameServerAddress().WaitAsync(Bound);
        namesrvs.AddrList().Should().Equal(new[] { ns.Address }, "an empty answer keeps the last list");
    }

    [Fact]
    public async Task NewNamesrv_owns_its_transport_and_requires_an_address()
    {
        await FluentActions.Awaiting(() => Namesrvs.NewNamesrv(new StaticResolver([]))).Should().ThrowAsync<MQClientException>()
            .Where(e => e.Code == ClientErrors.ErrNoNameserver);
        await using var ns = new FakeNameServer();
        ns.SetRoute("T", FakeNameServer.Route(3, ("broker-a", "10.0.0.1:10911")));
        var namesrvs = await Namesrvs.NewNamesrv(new StaticResolver(ns.Address)).WaitAsync(Bound);
        (await namesrvs.FetchSubscribeMessageQueues("T").WaitAsync(Bound)).Should().HaveCount(3);
        await namesrvs.DisposeAsync();
        await FluentActions.Awaiting(() => namesrvs.FetchSubscribeMessageQueues("T")).Should().ThrowAsync<RemotingException>();
    }

    private sealed class SwitchingResolver(params string[] initial) : INsResolver
    {
        public IReadOnlyList<string> Addresses { get; set; } = initial;

        public string Description => "switching";

        public Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken = default) => Task.FromResult(Addresses);
    }
}
