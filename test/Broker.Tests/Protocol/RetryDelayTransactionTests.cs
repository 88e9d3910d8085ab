using System.Collections.Concurrent;
using System.Text;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using RocketMQ.Go.Port.Tests.Support;

namespace RocketMQ.Go.Port.Tests.Protocol;

/// <summary>Send-back into %RETRY% with delay-level timing, DLQ, delayed delivery and transaction check-back.</summary>
public sealed class RetryDelayTransactionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static RemotingCommand SendBack(long offset, int delayLevel, int maxReconsume = 16)
        => RemotingCommand.CreateRequest(RequestCode.CONSUMER_SEND_MSG_BACK, new Dictionary<string, string>
        {
            ["offset"] = offset.ToString(), ["group"] = "rg", ["delayLevel"] = delayLevel.ToString(), ["originMsgId"] = "X",
            ["originTopic"] = "RetryTopic", ["unitMode"] = "false", ["maxReconsumeTimes"] = maxReconsume.ToString(),
        });

    private static async Task<long> CommitLogOffsetOf(RemotingCommand sendResponse)
    {
        await Task.CompletedTask;
        return Primitive.MessageId.Parse(sendResponse.GetExtField("msgId")!).Offset;
    }

    [Fact]
    public async Task A_sent_back_message_reaches_the_retry_topic_when_its_delay_level_falls_due()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { TimeProvider = clock });
        await using var client = new RemotingClient();
        var broker = cluster.BrokerAddresses[0];
        var sent = await client.InvokeSync(broker, BrokerProtocolTests.SendV2("RetryTopic", "again"), Timeout);
        var delivered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.Brokers[0].Schedule.Delivered += (level, _) => delivered.TrySetResult(level);

        var back = await client.InvokeSync(broker, SendBack(await CommitLogOffsetOf(sent), delayLevel: 2), Timeout);
        back.Code.Should().Be(ResponseCode.SUCCESS, back.Remark);

        var store = cluster.Brokers[0].Store;
        store.GetMaxOffsetInQueue("%RETRY%rg", 0).Should().Be(0, "level 2 waits 5 s");
        store.GetMaxOffsetInQueue(Constants.ScheduleTopic, 1).Should().Be(1);
        clock.Advance(TimeSpan.FromSeconds(4));
        store.GetMaxOffsetInQueue("%RETRY%rg", 0).Should().Be(0, "4 s is not 5 s");
        clock.Advance(TimeSpan.FromSeconds(1));
        (await delivered.Task.WaitAsync(Timeout)).Should().Be(2);

        var pulled = await client.InvokeSync(broker, BrokerProtocolTests.Pull("rg", "%RETRY%rg", 0, 0), Timeout);
        var view = StoredMessage.Read(pulled.Body.Span, out _);
        Encoding.UTF8.GetString(view.Body).Should().Be("again");
        view.ReconsumeTimes.Should().Be(1);
        var props = Encoding.UTF8.GetString(view.Properties);
        props.Should().Contain("RETRY_TOPIC\u0001RetryTopic").And.Contain("ORIGIN_MESSAGE_ID\u0001" + sent.GetExtField("msgId"));
    }

    [Fact]
    public async Task A_message_out_of_reconsume_times_goes_to_the_dlq()
    {
        await using var cluster = await EmbeddedCluster.StartAsync();
        await using var client = new RemotingClient();
        var broker = cluster.BrokerAddresses[0];
        var sent = await client.InvokeSync(broker, BrokerProtocolTests.SendV2("RetryTopic", "dead"), Timeout);

        (await client.InvokeSync(broker, SendBack(await CommitLogOffsetOf(sent), delayLevel: 0, maxReconsume: 0), Timeout)).Code.Should().Be(0);

        var dlq = await client.InvokeSync(broker, BrokerProtocolTests.Pull("rg", "%DLQ%rg", 0, 0), Timeout);
        dlq.Code.Should().Be(ResponseCode.SUCCESS);
        Encoding.UTF8.GetString(StoredMessage.Read(dlq.Body.Span, out _).Body).Should().Be("dead");
    }

    [Fact]
    public async Task A_half_message_is_invisible_until_committed_after_a_check_back()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions
        {
            TransactionTimeout = TimeSpan.Zero,
            TransactionCheckInterval = TimeSpan.FromMilliseconds(100),
        });
        await using var producer = new RemotingClient();
        var broker = cluster.BrokerAddresses[0];
        var checks = new ConcurrentQueue<RemotingCommand>();
        var checkArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        producer.RegisterRequestFunc(RequestCode.CHECK_TRANSACTION_STATE, (request, _) =>
        {
            checks.Enqueue(request);
            checkArrived.TrySetResult();
            return ValueTask.FromResult<RemotingCommand?>(null);
        });
        var heartbeat = RemotingCommand.CreateRequest(RequestCode.HEART_BEAT, body: Encoding.UTF8.GetBytes(
            """{"clientID":"p1","consumerDataSet":[],"producerDataSet":[{"groupName":"txg"}]}"""));
        (await producer.InvokeSync(broker, heartbeat, Timeout)).Code.Should().Be(0);

        var half = BrokerProtocolTests.SendV2("TxTopic", "tx-body", "TRAN_MSG\u0001true\u0002PGROUP\u0001txg\u0002UNIQ_KEY\u0001U1\u0002TAGS\u0001T");
        half.ExtFields!["f"] = "4";
        var sent = await producer.InvokeSync(broker, half, Timeout);
        sent.Code.Should().Be(ResponseCode.SUCCESS, sent.Remark);
        (await producer.InvokeSync(broker, BrokerProtocolTests.Pull("c", "TxTopic", 0, 0), Timeout)).Code
            .Should().NotBe(ResponseCode.SUCCESS, "a half message is invisible");

        await checkArrived.Task.WaitAsync(Timeout);
        checks.TryPeek(out var check).Should().BeTrue();
        check!.GetExtField("msgId").Should().Be("U1");
        StoredMessage.Read(check.Body.Span, out _).Topic.SequenceEqual("TxTopic"u8).Should().BeTrue("the check carries the message under its real topic");

        var commit = RemotingCommand.CreateRequest(RequestCode.END_TRANSACTION, new Dictionary<string, string>
        {
            ["producerGroup"] = "txg", ["tranStateTableOffset"] = check.GetExtField("tranStateTableOffset")!,
            ["commitLogOffset"] = check.GetExtField("commitLogOffset")!, ["commitOrRollback"] = "8", ["fromTransactionCheck"] = "true",
            ["msgId"] = "U1", ["transactionId"] = "U1",
        });
        (await producer.InvokeSync(broker, commit, Timeout)).Code.Should().Be(ResponseCode.SUCCESS);

        var pulled = await producer.InvokeSync(broker, BrokerProtocolTests.Pull("c", "TxTopic", 0, 0), Timeout);
        pulled.Code.Should().Be(ResponseCode.SUCCESS);
        var view = StoredMessage.Read(pulled.Body.Span, out _);
        Encoding.UTF8.GetString(view.Body).Should().Be("tx-body");
        (view.SysFlag & MessageSysFlag.TransactionCommitType).Should().Be(MessageSysFlag.TransactionCommitType);
    }
}
