using System.Diagnostics;
using System.Text;
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
    public async Task Server_initiated_requests_reach_the_registered_consumer_and_producer()
    {
        await using var ns = new FakeNameServer();
        await using var broker = new FakeBroker();
        ns.SetRoute("Events", FakeNameServer.Route(2, ("broker-a", broker.Address)));
        var options = TestOptions.For(ns.Address);
        var client = RMQClientFactory.GetOrNewRocketMQClient(options);
        var consumer = new FakeConsumer("CG", "Events");
        var producer = new FakeProducer("Events");
        client.RegisterConsumer("CG", consumer);
        client.RegisterProducer("PG", producer);
        client.Start();
        try
        {
            await broker.NextHeartbeat(); // the client is connected to the broker now

            // 40: a rebalance at once (the periodic one is 10 minutes away).
            await broker.TellClient(RemotingCommand.CreateRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, new() { ["consumerGroup"] = "CG" }));
            await consumer.Rebalances.Reader.ReadAsync().AsTask().WaitAsync(Bound);

            // 307: the JSON the Java admin tool reads.
            var running = await broker.AskClient(RemotingCommand.CreateRequest(RequestCode.GET_CONSUMER_RUNNING_INFO,
                new GetConsumerRunningInfoHeader { ConsumerGroup = "CG", ClientID = client.ClientID() }.Encode()));
            running.Code.Should().Be(ResponseCode.SUCCESS);
            var info = ConsumerRunningInfo.Decode(running.Body.Span);
            info.Properties[ConsumerRunningInfo.PropClientVersion].Should().Be("V4_9_8");
            info.Properties[ConsumerRunningInfo.PropNameServerAddr].Should().Be(ns.Address);
            info.Properties[ConsumerRunningInfo.PropConsumeType].Should().Be(ConsumerData.ConsumePassively);
            info.MQTable.Values.Single().CommitOffset.Should().Be(42);
            Encoding.UTF8.GetString(running.Body.Span).Should().Contain("\"mqTable\":{{\"brokerName\":\"broker-a\"");

            var unknown = await broker.AskClient(RemotingCommand.CreateRequest(RequestCode.GET_CONSUMER_RUNNING_INFO,
                new GetConsumerRunningInfoHeader { ConsumerGroup = "Nope", ClientID = client.ClientID() }.Encode()));
            unknown.Code.Should().Be(ResponseCode.SYSTEM_ERROR);
            unknown.Remark.Should().Contain("Nope");

            // 39: the half message goes to the producer of its group.
            var half = new Message("Events", Encoding.UTF8.GetBytes("half"))
                .WithProperty(PropertyKeys.ProducerGroup, "PG")
                .WithProperty(PropertyKeys.UniqueClientMessageIdKeyIndex, "TX-1");
            var check = RemotingCommand.CreateRequest(RequestCode.CHECK_TRANSACTION_STATE,
                new CheckTransactionStateRequestHeader { TranStateTableOffset = 5, CommitLogOffset = 77, MsgId = "TX-1" }.Encode(),
                StoredBytes(half));
            await broker.TellClient(check);
            var (addr, msg, header) = await producer.Checks.Reader.ReadAsync().AsTask().WaitAsync(Bound);
            msg.TransactionId.Should().Be("TX-1");
            Encoding.UTF8.GetString(msg.Body).Should().Be("half");
            header.CommitLogOffset.Should().Be(77);
            addr.Should().NotBeNullOrEmpty();

            // 309, 221, 220.
            var direct = await broker.AskClient(RemotingCommand.CreateRequest(RequestCode.CONSUME_MESSAGE_DIRECTLY,
                new ConsumeMessageDirectlyHeader { ConsumerGroup = "CG", BrokerName = "broker-a" }.Encode(), StoredBytes(new Message("Events", Encoding.UTF8.GetBytes("hi")))));
            direct.Code.Should().Be(ResponseCode.SUCCESS);
            ConsumeMessageDirectlyResult.Decode(direct.Body.Span).Remark.Should().Be("hi@broker-a");

            var status = await broker.AskClient(RemotingCommand.CreateRequest(RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT,
                new GetConsumerStatusRequestHeader { Topic = "Events", Group = "CG" }.Encode()));
            status.Code.Should().Be(ResponseCode.SUCCESS);
            GetConsumerStatusBody.Decode(status.Body.Span).MessageQueueTable[new MessageQueue("Events", "broker-a", 1)].Should().Be(7);

            var table = new ResetOffsetBody { OffsetTable = new() { [new MessageQueue("Events", "broker-a", 0)] = 3 } };
            await broker.TellClient(RemotingCommand.CreateRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET,
                new ResetOffsetHeader { Topic = "Events", Group = "CG", Timestamp = 1, IsForce = true }.Encode(), table.Encode()));
            var reset = await consumer.Resets.Reader.ReadAsync().AsTask().WaitAsync(Bound);
            reset.Topic.Should().Be("Events");
            reset.Table[new MessageQueue("Events", "broker-a", 0)].Should().Be(3);
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Reply_message_completes_the_waiting_request()
    {
        await using var ns = new FakeNameServer();
        await using var broker = new FakeBroker();
        ns.SetRoute("Events", FakeNameServer.Route(1, ("broker-a", broker.Address)));
        var client = RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For(ns.Address));
        client.RegisterProducer("PG", new FakeProducer("Events"));
        client.Start();
        try
        {
            await broker.NextHeartbeat();
            var future = new RequestResponseFuture("corr-1", Bound);
            client.RequestFutures.SetRequestResponseFuture(future);
            var request = new Message("Events", []);
            var waiting = future.WaitResponseMessage(request);

            var reply = RemotingCommand.CreateRequest(RequestCode.PUSH_REPLY_MESSAGE_TO_CLIENT, new ReplyMessageRequestHeader
            {
                ProducerGroup = "RG", Topic = "Cluster_REPLY_TOPIC", DefaultTopic = "TBW102", DefaultTopicQueueNums = 4, QueueId = 2,
                BornTimestamp = 1000, BornHost = "10.0.0.5:1234", StoreHost = "10.0.0.1:10911", StoreTimestamp = 2000,
                Properties = "CORRELATION_ID\u0001corr-1\u0002",
            }.Encode(), Encoding.UTF8.GetBytes("pong"));
            var answer = await broker.AskClient(reply);

            answer.Code.Should().Be(ResponseCode.SUCCESS);
            var message = await waiting.WaitAsync(Bound);
            Encoding.UTF8.GetString(message.Body).Should().Be("pong");
            message.GetProperty(PropertyKeys.ReplyMessageArriveTime).Should().NotBeEmpty();
            ((MessageExt)message).StoreHost.Should().Be("10.0.0.1:10911");
            client.RequestFutures.Count.Should().Be(0);
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Pull_decodes_found_messages_and_maps_the_other_statuses()
    {
        await using var ns = new FakeNameServer();
        await using var broker = new FakeBroker();
        var client = RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For(ns.Address));
        var header = new PullMessageRequestHeader { ConsumerGroup = "CG", Topic = "T", QueueId = 3, MaxMsgNums = 32, BrokerName = "broker-a" };
        try
        {
            var body = new List<byte>();
            body.AddRange(StoredBytes(new Message("T", Encoding.UTF8.GetBytes("m1"))));
            body.AddRange(StoredBytes(new Message("T", Encoding.UTF8.GetBytes("m2"))));
            broker.Pull = r =>
            {
                var response = RemotingCommand.CreateResponse(r, ResponseCode.SUCCESS);
                response.ExtFields = new PullMessageResponse { NextBeginOffset = 12, MinOffset = 0, MaxOffset = 12, SuggestWhichBrokerId = 1 }.Encode();
                response.Body = body.ToArray();
                return response;
            };
            var found = await client.PullMessage(broker.Address, header, Bound).WaitAsync(Bound);
            found.Status.Should().Be(PullStatus.PullFound);
            found.NextBeginOffset.Should().Be(12);
            found.SuggestWhichBrokerId.Should().Be(1);
            found.GetMessageExts().Select(m => Encoding.UTF8.GetString(m.Body)).Should().Equal("m1", "m2");
            found.GetMessageExts()[0].Queue.Should().Be(new MessageQueue("T", "broker-a", 3));
            found.Body.IsEmpty.Should().BeTrue("the messages were copied out while the transport lent the response, whose frame went back (poisoned in test runs)");

            foreach (var (code, expected) in new[]
                     {
                         (ResponseCode.PULL_NOT_FOUND, PullStatus.PullNoNewMsg),
                         (ResponseCode.PULL_RETRY_IMMEDIATELY, PullStatus.PullNoMsgMatched),
                         (ResponseCode.PULL_OFFSET_MOVED, PullStatus.PullOffsetIllegal),
                     })
            {
                broker.Pull = r =>
                {
                    var response = RemotingCommand.CreateResponse(r, code);
                    response.ExtFields = new PullMessageResponse { NextBeginOffset = 99 }.Encode();
                    return response;
                };
                var result = await client.PullMessage(broker.Address, header, Bound).WaitAsync(Bound);
                result.Status.Should().Be(expected);
                result.NextBeginOffset.Should().Be(99);
                result.GetMessageExts().Should().BeEmpty();
            }

            broker.Pull = r => RemotingCommand.CreateResponse(r, ResponseCode.SUBSCRIPTION_NOT_LATEST, "subscription not latest");
            var error = (await FluentActions.Awaiting(() => client.PullMessage(broker.Address, header, Bound)).Should().ThrowAsync<MQBrokerException>()).Which;
            error.ResponseCode.Should().Be(ResponseCode.SUBSCRIPTION_NOT_LATEST);
            error.BrokerAddress.Should().Be(broker.Address);
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Theory]
    [InlineData(ResponseCode.SUCCESS, SendStatus.SendOK)]
    [InlineData(ResponseCode.FLUSH_DISK_TIMEOUT, SendStatus.SendFlushDiskTimeout)]
    [InlineData(ResponseCode.FLUSH_SLAVE_TIMEOUT, SendStatus.SendFlushSlaveTimeout)]
    [InlineData(ResponseCode.SLAVE_NOT_AVAILABLE, SendStatus.SendSlaveNotAvailable)]
    public async Task Send_response_statuses(int code, SendStatus expected)
    {
        var options = TestOptions.For("127.0.0.1:9876");
        options.Namespace = "ns1";
        var client = RMQClientFactory.GetOrNewRocketMQClient(options);
        try
        {
            var response = new RemotingCommand { Code = code };
            response.ExtFields = new SendMessageResponse { MsgId = "OFF1,OFF2", QueueId = 3, QueueOffset = 100, TraceOn = "true" }.Encode();
            var msgs = new[]
            {
                new Message("ns1%Orders", []).WithProperty(PropertyKeys.UniqueClientMessageIdKeyIndex, "U1"),
                new Message("ns1%Orders", []).WithProperty(PropertyKeys.UniqueClientMessageIdKeyIndex, "U2"),
            };

            var result = new SendResult();
            client.ProcessSendResponse("broker-a", response, result, msgs, selected: null);

            result.Status.Should().Be(expected);
            result.MsgID.Should().Be("U1,U2");
            result.OffsetMsgID.Should().Be("OFF1,OFF2");
            result.MessageQueue.Should().Be(new MessageQueue("Orders", "broker-a", 3));
            result.QueueOffset.Should().Be(100);
            result.RegionID.Should().Be("DefaultRegion");
            result.TraceOn.Should().BeTrue();
        }
        finally
        {
            await client.Shutdown().WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Send_failure_codes_throw_broker_exceptions()
    {
        var client = RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For("127.0.0.1:9876"));
        try
        {
            var response = new RemotingCommand { Code = ResponseCode.NO_PERMISSION, Remark = "the broker[broker-a] sending message is forbidden" };
            FluentActions.Invoking(() => client.ProcessSendResponse("broker-a", response, new SendResult(), [new Message("T", [])], selected: null))
                .Should().Throw<MQBrokerException>().Where(e => e.ResponseCode == ResponseCode.NO_PERMISSION && e.Remark!.Contains("forbidden"));
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

    private static byte[] StoredBytes(Message message)
    {
        var fields = new StoredMessageFields
        {
            Body = message.Body,
            Properties = message.MarshallProperties(),
            Topic = message.Topic,
            BornHost = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 1),
            StoreHost = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 2),
            BornTimestamp = 1,
            StoreTimestamp = 2,
        };
        return StoredMessageEncoder.EncodeToArray(fields);
    }
}
