using System.Text;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public sealed class TraceTests
{
    private static readonly TimeSpan Bound = TestOptions.Bound;

    private static TraceContext Pub(string msgId) => new()
    {
        TraceType = TraceType.Pub,
        TimeStamp = 1000,
        RegionId = "DefaultRegion",
        GroupName = "ns%PG",
        CostTime = 12,
        IsSuccess = true,
        TraceBeans =
        [
            new TraceBean
            {
                Topic = "ns%Orders", MsgId = msgId, Tags = "TagA", Keys = "k1 k2", StoreHost = "10.0.0.1:10911", BodyLength = 5,
                MsgType = MessageType.NormalMsg, OffsetMsgId = "OFF", ClientHost = "10.0.0.5",
            },
        ],
    };

    [Fact]
    public void Records_use_the_field_layout_the_Java_console_decodes()
    {
        var pub = TraceEncoder.Encode(Pub("M1"));
        pub.TransData.Should().Be("Pub\u00011000\u0001DefaultRegion\u0001PG\u0001Orders\u0001M1\u0001TagA\u0001k1 k2\u000110.0.0.1:10911\u00015\u000112\u00010\u0001OFF\u0001true\u000110.0.0.5\u0002");
        pub.TransKeys.Should().Equal("M1", "k1", "k2");

        var before = new TraceContext
        {
            TraceType = TraceType.SubBefore, TimeStamp = 2000, RegionId = "R", GroupName = "CG", RequestId = "REQ",
            TraceBeans = [new TraceBean { MsgId = "M1", RetryTimes = 2, ClientHost = "h" }, new TraceBean { MsgId = "M2", Keys = "k" }],
        };
        TraceEncoder.Encode(before).TransData.Should().Be(
            "SubBefore\u00012000\u0001R\u0001CG\u0001REQ\u0001M1\u00012\u0001null\u0001h\u0002" +
            "SubBefore\u00012000\u0001R\u0001CG\u0001REQ\u0001M2\u00010\u0001k\u0001\u0002");

        // Java's ConsumeMessageTraceHookImpl takes the region from the messages' MSG_REGION, which a 4.9.8 broker
        // without send hooks does not store: StringBuilder.append(null) writes "null" (Go leaves the field empty).
        before.RegionId = string.Empty;
        TraceEncoder.Encode(before).TransData.Split('\u0002')[0].Split('\u0001')[2].Should().Be("null");

        var after = new TraceContext
        {
            TraceType = TraceType.SubAfter, TimeStamp = 3000, GroupName = "CG", RequestId = "REQ", CostTime = 7, IsSuccess = false, ContextCode = 1,
            TraceBeans = [new TraceBean { MsgId = "M1" }],
        };
        TraceEncoder.Encode(after).TransData.Should().Be("SubAfter\u0001REQ\u0001M1\u00017\u0001false\u0001null\u00011\u00013000\u0001CG\u0002");
    }

    [Fact]
    public void EndTransaction_records_have_the_layout_of_javas_TraceDataEncoder()
    {
        var end = new TraceContext
        {
            TraceType = TraceType.EndTransaction, TimeStamp = 4000, RegionId = "DefaultRegion", GroupName = "ns%TXG",
            TraceBeans =
            [
                new TraceBean
                {
                    Topic = "ns%Orders", MsgId = "UNIQ1", Keys = "k1 k2", StoreHost = "10.0.0.1:10911", MsgType = MessageType.TransMsgCommit,
                    TransactionId = "UNIQ1", TransactionState = LocalTransactionState.RollbackMessageState, FromTransactionCheck = true, ClientHost = "cid",
                },
            ],
        };
        var bean = TraceEncoder.Encode(end);

        // Java: type, time, region, group, topic, msgId, tags (null when none), keys, storeHost, msgType ordinal,
        // transactionId, LocalTransactionState name, fromTransactionCheck; no client host.
        bean.TransData.Should().Be("EndTransaction\u00014000\u0001DefaultRegion\u0001TXG\u0001Orders\u0001UNIQ1\u0001null\u0001k1 k2\u000110.0.0.1:10911\u00012\u0001UNIQ1\u0001ROLLBACK_MESSAGE\u0001true\u0002");
        bean.TransKeys.Should().Equal("UNIQ1", "k1", "k2");
        TraceEncoder.JavaName(LocalTransactionState.CommitMessageState).Should().Be("COMMIT_MESSAGE");
        TraceEncoder.JavaName(LocalTransactionState.UnknownState).Should().Be("UNKNOW", "Java's constant keeps its typo");
    }

    [Fact]
    public async Task Dispatcher_batches_records_to_the_trace_topic_and_drains_on_close()
    {
        await using var ns = new FakeNameServer();
        await using var broker = new FakeBroker();
        ns.SetRoute(TraceDispatcher.RmqSysTraceTopic, FakeNameServer.Route(2, ("broker-a", broker.Address)));
        var dispatcher = new TraceDispatcher(new TraceConfig { GroupName = "PG", NamesrvAddrs = [ns.Address] }, intervals: TestOptions.For().Intervals);
        dispatcher.GetTraceTopicName().Should().Be("RMQ_SYS_TRACE_TOPIC");
        dispatcher.Start();
        try
        {
            dispatcher.Append(Pub("M1")).Should().BeTrue();
            var first = await broker.Sent.Reader.ReadAsync().AsTask().WaitAsync(Bound);
            var header = SendMessageRequestHeader.Decode(first.ExtFields);
            header.Topic.Should().Be("RMQ_SYS_TRACE_TOPIC");
            header.ProducerGroup.Should().Be(TraceDispatcher.TraceGroupName);
            Encoding.UTF8.GetString(first.Body.Span).Should().StartWith("Pub\u00011000").And.EndWith("\u0002");
            var properties = new Message();
            properties.UnmarshalProperties(Encoding.UTF8.GetBytes(header.Properties!));
            properties.GetKeys().Split(' ').Should().BeEquivalentTo("M1", "k1", "k2");
            properties.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex).Should().NotBeEmpty();

            // Records appended before close are all sent: 250 records -> batches of at most 100.
            for (var i = 0; i < 250; i++)
            {
                dispatcher.Append(Pub("N" + i)).Should().BeTrue();
            }

            await dispatcher.Close().WaitAsync(Bound);
            var records = 0;
            var messages = 0;
            while (broker.Sent.Reader.TryRead(out var sent))
            {
                messages++;
                records += Encoding.UTF8.GetString(sent.Body.Span).Count(c => c == TraceEncoder.FieldSplitter);
            }

            records.Should().Be(250);
            messages.Should().BeGreaterThanOrEqualTo(3);
            dispatcher.Append(Pub("late")).Should().BeFalse();
            RMQClientFactory.Find(dispatcher.Client.ClientID()).Should().BeNull();
        }
        finally
        {
            await dispatcher.Close();
        }
    }

    [Fact]
    public async Task Tracing_clients_of_one_process_on_different_clusters_each_get_their_own_trace_client()
    {
        await using var nsA = new FakeNameServer();
        await using var nsB = new FakeNameServer();
        var a = new TraceDispatcher(new TraceConfig { GroupName = "PA", NamesrvAddrs = [nsA.Address] }, intervals: TestOptions.For().Intervals);
        var b = new TraceDispatcher(new TraceConfig { GroupName = "PB", NamesrvAddrs = [nsB.Address] }, intervals: TestOptions.For().Intervals);
        var sameClusterAsA = new TraceDispatcher(new TraceConfig { GroupName = "PC", NamesrvAddrs = [nsA.Address] }, intervals: TestOptions.For().Intervals);
        a.Start();
        b.Start();
        sameClusterAsA.Start();
        try
        {
            a.Client.Should().NotBeSameAs(b.Client, "a trace client is bound to one cluster's name servers");
            a.Client.ClientID().Should().Contain("INNER_TRACE_CLIENT_DEFAULT_" + nsA.Address);
            sameClusterAsA.Client.Should().BeSameAs(a.Client, "tracing to one cluster shares one trace client, as in Go and Java");
        }
        finally
        {
            await a.Close().WaitAsync(Bound);
            await b.Close().WaitAsync(Bound);
            await sameClusterAsA.Close().WaitAsync(Bound);
        }
    }

    [Fact]
    public void A_dispatcher_needs_a_name_server()
        => FluentActions.Invoking(() => new TraceDispatcher(new TraceConfig { GroupName = "PG" }))
            .Should().Throw<MQClientException>().Where(e => e.Code == ClientErrors.ErrNoNameserver);
}
