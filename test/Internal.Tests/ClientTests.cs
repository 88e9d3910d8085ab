using System.Diagnostics;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public sealed class ClientTests
{
    private static readonly TimeSpan Bound = TestOptions.Bound;

    [Fact]
    public async Task Factory_shares_a_client_per_id_and_only_the_last_shutdown_stops_it()
    {
        await using var ns = new FakeNameServer();
        var options = TestOptions.For(ns.Address);
        var first = RMQClientFactory.GetOrNewRocketMQClient(options);
        var second = RMQClientFactory.GetOrNewRocketMQClient(options.Clone());
        second.Should().BeSameAs(first);
        first.Start();
        second.Start();

        await first.Shutdown().WaitAsync(Bound);
        RMQClientFactory.Find(options.ClientID()).Should().BeSameAs(first, "one user is left");
        await first.InvokeSync(ns.Address, RemotingCommand.CreateRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, new() { ["topic"] = "x" }), Bound)
            .WaitAsync(Bound);

        await second.Shutdown().WaitAsync(Bound);
        RMQClientFactory.Find(options.ClientID()).Should().BeNull();
        await FluentActions.Awaiting(() => first.InvokeSync(ns.Address, RemotingCommand.CreateRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC), Bound))
            .Should().ThrowAsync<MQClientException>().Where(e => e.Code == ClientErrors.ErrService);

        var third = RMQClientFactory.GetOrNewRocketMQClient(options);
        third.Should().NotBeSameAs(first, "a shut-down client is replaced, so a consumer can restart in the same process");
        await third.Shutdown().WaitAsync(Bound);
    }

    [Fact]
    public async Task Same_client_id_with_other_name_servers_is_refused()
    {
        await using var ns = new FakeNameServer();
        var options = TestOptions.For(ns.Address);
        var client = RMQClientFactory.GetOrNewRocketMQClient(options);
        try
        {
            var other = options.Clone();
            other.NameServerAddrs = ["127.0.0.1:1"];
            FluentActions.Invoking(() => RMQClientFactory.GetOrNewRocketMQClient(other)).Should().Throw<MQClientException>()
                .WithMessage("*different namesrv*");
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task With_credentials_every_request_is_signed()
    {
        await using var ns = new FakeNameServer();
        await using var broker = new FakeBroker();
        ns.SetRoute("Events", FakeNameServer.Route(1, ("broker-a", broker.Address)));
        var options = TestOptions.For(ns.Address);
        options.Credentials = new Credentials("AK", "SK");
        var client = RMQClientFactory.GetOrNewRocketMQClient(options);
        client.RegisterProducer("PG", new FakeProducer("Events"));
        try
        {
            await client.UpdateTopicRouteInfo().WaitAsync(Bound);
            var request = ns.LastRouteRequest!;
            request.GetExtField(AclClientRpcHook.AccessKeyField).Should().Be("AK");
            request.GetExtField(AclClientRpcHook.SignatureField).Should().Be(AclClientRpcHook.CalculateSignature(request, "SK"));

            await client.SendHeartbeatToAllBrokerWithLock().WaitAsync(Bound);
            var heartbeat = broker.LastHeartbeatRequest!;
            heartbeat.GetExtField(AclClientRpcHook.AccessKeyField).Should().Be("AK");
            heartbeat.GetExtField(AclClientRpcHook.SignatureField).Should().Be(AclClientRpcHook.CalculateSignature(heartbeat, "SK"));
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task A_changing_resolver_is_polled_by_its_own_loop()
    {
        await using var ns = new FakeNameServer();
        var resolver = new CountingResolver("127.0.0.1:1");
        var options = TestOptions.For();
        options.NameServerAddrs = null;
        options.Resolver = resolver;
        options.Intervals = options.Intervals with { UpdateNameServerAddressDelay = TimeSpan.Zero, UpdateNameServerAddress = TimeSpan.FromMilliseconds(50) };
        var client = (RMQClient)RMQClientFactory.GetOrNewRocketMQClient(options);
        client.Start();
        try
        {
            client.Loops.Should().HaveCount(5);
            resolver.Addresses = [ns.Address];

            // Calls queued before the switch are dropped. One call may have read the old list just before the
            // switch; the one after it reads the new list, and a third starts only once the loop has applied it
            // (one run at a time).
            while (resolver.Calls.Reader.TryRead(out _))
            {
            }

            for (var i = 0; i < 3; i++)
            {
                await resolver.Calls.Reader.ReadAsync().AsTask().WaitAsync(Bound);
            }

            client.GetNameSrv().AddrList().Should().Equal(ns.Address);
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    private sealed class CountingResolver(params string[] initial) : INsResolver
    {
        public volatile IReadOnlyList<string> Addresses = initial;

        public System.Threading.Channels.Channel<int> Calls { get; } = System.Threading.Channels.Channel.CreateUnbounded<int>();

        public string Description => "counting";

        public Task<IReadOnlyList<string>> ResolveAsync(CancellationToken cancellationToken = default)
        {
            var result = Addresses;
            Calls.Writer.TryWrite(1);
            return Task.FromResult(result);
        }
    }

    [Fact]
    public async Task Duplicate_groups_are_refused()
    {
        await using var ns = new FakeNameServer();
        var client = RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For(ns.Address));
        try
        {
            client.RegisterProducer("P", new FakeProducer());
            client.RegisterConsumer("C", new FakeConsumer("C", "T"));
            FluentActions.Invoking(() => client.RegisterProducer("P", new FakeProducer())).Should().Throw<MQClientException>()
                .Which.Description.Should().Be($"producer group has been created: another producer of this process already uses group P on client {client.ClientID()}; give this producer its own group with WithGroupName, or its own client with WithInstanceName");
            FluentActions.Invoking(() => client.RegisterConsumer("C", new FakeConsumer("C", "T"))).Should().Throw<MQClientException>()
                .Which.Description.Should().Be($"consumer group has been created: another consumer of this process already uses group C on client {client.ClientID()}; give this consumer its own group with WithGroupName, or its own client with WithInstance");
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Route_loop_hands_routes_to_producers_and_consumers_and_heartbeat_reaches_every_broker()
    {
        await using var ns = new FakeNameServer();
        await using var broker = new FakeBroker();
        ns.SetRoute("Orders", FakeNameServer.Route(4, ("broker-a", broker.Address)));
        ns.SetRoute("Events", FakeNameServer.Route(2, ("broker-a", broker.Address)));
        var client = RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For(ns.Address));
        var producer = new FakeProducer("Orders");
        var consumer = new FakeConsumer("CG", "Events");
        client.RegisterProducer("PG", producer);
        client.RegisterConsumer("CG", consumer);
        client.Start();
        try
        {
            // Heartbeats start once the route loop has found the broker.
            HeartbeatData heartbeat;
            do
            {
                heartbeat = await broker.NextHeartbeat();
            }
            while (heartbeat.ConsumerDataSet.Count == 0);

            heartbeat.ClientID.Should().Be(client.ClientID());
            heartbeat.ProducerDataSet.Should().Equal(new ProducerData("PG"));
            var consumerData = heartbeat.ConsumerDataSet.Should().ContainSingle().Subject;
            consumerData.GroupName.Should().Be("CG");
            consumerData.ConsumeType.Should().Be(ConsumerData.ConsumePassively);
            consumerData.MessageModel.Should().Be(ConsumerData.Clustering, "Go's model names are upper-cased to Java's");
            consumerData.ConsumeFromWhere.Should().Be(ConsumerData.ConsumeFromFirstOffset);
            consumerData.SubscriptionDataSet.Select(s => s.Topic).Should().Equal("Events", "%RETRY%CG");
            consumerData.SubscriptionDataSet[0].Tags.Should().BeEquivalentTo("TagA", "TagB");
            consumerData.SubscriptionDataSet[0].Codes.Should().BeEquivalentTo([JavaHash.StringHashCode("TagA"), JavaHash.StringHashCode("TagB")]);

            producer.PublishInfo["Orders"].MqList.Should().HaveCount(4);
            producer.PublishInfo["Orders"].HaveTopicRouterInfo.Should().BeTrue();
            consumer.SubscribeInfo["Events"].Should().HaveCount(2);

            // A route change reaches the producer through the loop.
            ns.SetRoute("Orders", FakeNameServer.Route(6, ("broker-a", broker.Address)));
            while (producer.PublishInfo["Orders"].MqList.Count != 6)
            {
                await producer.Updates.Reader.ReadAsync().AsTask().WaitAsync(Bound);
            }
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Producer_only_heartbeats_skip_slaves()
    {
        await using var ns = new FakeNameServer();
        await using var master = new FakeBroker();
        await using var slave = new FakeBroker();
        var route = FakeNameServer.Route(4, ("broker-a", master.Address));
        route.BrokerDataList[0].BrokerAddresses[1] = slave.Address;
        ns.SetRoute("Orders", route);
        var client = RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For(ns.Address));
        client.RegisterProducer("PG", new FakeProducer("Orders"));
        try
        {
            await client.UpdateTopicRouteInfo().WaitAsync(Bound);
            await client.SendHeartbeatToAllBrokerWithLock().WaitAsync(Bound);
            master.Heartbeats.Reader.TryRead(out _).Should().BeTrue();
            slave.Heartbeats.Reader.TryRead(out _).Should().BeFalse();

            client.RegisterConsumer("CG", new FakeConsumer("CG", "Orders"));
            await client.SendHeartbeatToAllBrokerWithLock().WaitAsync(Bound);
            master.Heartbeats.Reader.TryRead(out _).Should().BeTrue();
            slave.Heartbeats.Reader.TryRead(out _).Should().BeTrue("consumers may pull from slaves");
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Shutdown_stops_every_loop_within_5s_persists_offsets_and_unregisters_with_answers()
    {
        await using var ns = new FakeNameServer();
        await using var broker = new FakeBroker();
        ns.SetRoute("Events", FakeNameServer.Route(2, ("broker-a", broker.Address)));
        var options = TestOptions.For(ns.Address);
        var client = (RMQClient)RMQClientFactory.GetOrNewRocketMQClient(options);
        var consumer = new FakeConsumer("CG", "Events");
        client.RegisterConsumer("CG", consumer);
        client.RegisterProducer("PG", new FakeProducer("Events"));
        client.Start();
        await broker.NextHeartbeat();
        var persistsBefore = consumer.PersistCount;

        var watch = Stopwatch.StartNew();
        await client.Shutdown().WaitAsync(TimeSpan.FromSeconds(5));
        watch.Stop();

        client.Loops.Should().HaveCount(4, "no resolver loop for a fixed address list");
        client.Loops.Should().OnlyContain(l => l.Completion.IsCompleted);
        consumer.PersistCount.Should().BeGreaterThan(persistsBefore, "a consumer still registered gets its offsets persisted");
        broker.Unregisters.Select(u => (u.ClientID, u.ProducerGroup, u.ConsumerGroup))
            .Should().BeEquivalentTo(new[] { (client.ClientID(), (string?)null, (string?)"CG"), (client.ClientID(), (string?)"PG", (string?)null) });
        client.RemotingClient.ConnectionCount.Should().Be(0);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Unregistering_a_group_sends_unregister_client_for_it()
    {
        await using var ns = new FakeNameServer();
        await using var broker = new FakeBroker();
        ns.SetRoute("Events", FakeNameServer.Route(2, ("broker-a", broker.Address)));
        var client = RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For(ns.Address));
        client.RegisterConsumer("CG", new FakeConsumer("CG", "Events"));
        await client.UpdateTopicRouteInfo().WaitAsync(Bound);

        client.UnregisterConsumer("CG");
        await client.Shutdown().WaitAsync(Bound);

        broker.Unregisters.Should().ContainSingle().Which.ConsumerGroup.Should().Be("CG");
    }

    [Fact]
    public async Task A_loop_whose_callback_throws_keeps_running()
    {
        await using var ns = new FakeNameServer();
        var client = (RMQClient)RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For(ns.Address));
        var consumer = new FakeConsumer("CG", "T") { OnPersist = () => throw new InvalidOperationException("disk full") };
        client.RegisterConsumer("CG", consumer);
        client.Start();
        try
        {
            // The persist loop runs every 100 ms; three calls means it survived two failures.
            var reader = consumer.Persists.Reader;
            for (var i = 0; i < 3; i++)
            {
                await reader.ReadAsync().AsTask().WaitAsync(Bound);
            }

            // The route loop (the first: no resolver loop for fixed addresses) also survives a throwing producer.
            var calls = System.Threading.Channels.Channel.CreateUnbounded<int>();
            var producer = new FakeProducer
            {
                OnPublishTopicList = () =>
                {
                    calls.Writer.TryWrite(1);
                    throw new InvalidOperationException("boom");
                },
            };
            client.RegisterProducer("PG", producer);
            for (var i = 0; i < 3; i++)
            {
                await calls.Reader.ReadAsync().AsTask().WaitAsync(Bound);
            }

            var routeLoop = client.Loops[0];
            routeLoop.Completion.IsCompleted.Should().BeFalse();
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Two_hundred_create_start_shutdown_cycles_leave_no_connections_or_loops()
    {
        await using var ns = new FakeNameServer();
        await using var broker = new FakeBroker();
        ns.SetRoute("Events", FakeNameServer.Route(1, ("broker-a", broker.Address)));
        var options = TestOptions.For(ns.Address);
        for (var i = 0; i < 200; i++)
        {
            var client = (RMQClient)RMQClientFactory.GetOrNewRocketMQClient(options);
            client.RegisterProducer("PG", new FakeProducer("Events"));
            client.Start();
            await client.UpdateTopicRouteInfo().WaitAsync(Bound);
            await client.SendHeartbeatToAllBrokerWithLock().WaitAsync(Bound);
            await client.Shutdown().WaitAsync(Bound);
            client.RemotingClient.ConnectionCount.Should().Be(0);
            client.Loops.Should().OnlyContain(l => l.Completion.IsCompleted);
        }

        RMQClientFactory.Find(options.ClientID()).Should().BeNull("the map keeps no shut-down client");
        await ns.AllChannelsClosed.WaitAsync(Bound);
        await broker.AllChannelsClosed.WaitAsync(Bound);
        broker.Unregisters.Should().HaveCount(200);
    }
}
