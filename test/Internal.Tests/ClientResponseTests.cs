using System.Text;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>What the client makes of brokers' answers and requests: server-initiated requests, replies, pull and send responses.</summary>
public sealed class ClientResponseTests
{
    private static readonly TimeSpan Bound = TestOptions.Bound;

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
