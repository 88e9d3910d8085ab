using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Reading a send response as it comes off the wire: the values, and what reading them costs.</summary>
public sealed class SendResponseTests
{
    private const string OffsetId = "7F00000100002A9F00000000000A1B2C";

    private static RemotingCommand Decoded(SerializeType type, string msgId = OffsetId, string region = "DefaultRegion", string trace = "true", int queueId = 2)
    {
        // As the broker answers: the codec's own frame, decoded the way the client's read loop decodes it.
        var response = new RemotingCommand { Code = ResponseCode.SUCCESS, Opaque = 7, SerializeType = type };
        response.MarkResponse();
        response.ExtFields = new Dictionary<string, string>
        {
            ["MSG_REGION"] = region,
            ["TRACE_ON"] = trace,
            ["msgId"] = msgId,
            ["queueId"] = queueId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["queueOffset"] = "41",
        };
        return RemotingCommandCodec.DecodeWithLengthPrefix(RemotingCommandCodec.EncodeToArray(response));
    }

    private static async Task WithClient(Func<IRMQClient, Task> test)
    {
        var client = RMQClientFactory.GetOrNewRocketMQClient(TestOptions.For("127.0.0.1:9876"));
        try
        {
            await test(client);
        }
        finally
        {
            await client.Shutdown().WaitAsync(TestOptions.Bound);
        }
    }

    [Theory]
    [InlineData(SerializeType.JSON)]
    [InlineData(SerializeType.ROCKETMQ)]
    public Task A_decoded_response_fills_the_result_and_shares_the_selected_queue(SerializeType type) => WithClient(client =>
    {
        var msg = new Message("Orders", [1]).WithProperty(PropertyKeys.UniqueClientMessageIdKeyIndex, "U1");
        var selected = new MessageQueue("Orders", "broker-a", 2);
        var result = new SendResult();

        client.ProcessSendResponse("broker-a", Decoded(type), result, [msg], selected);

        result.Status.Should().Be(SendStatus.SendOK);
        result.MsgID.Should().BeSameAs(msg.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex), "the id is the message's own string");
        result.OffsetMsgID.Should().Be(OffsetId);
        result.MessageQueue.Should().BeSameAs(selected);
        result.QueueOffset.Should().Be(41);
        result.RegionID.Should().Be("DefaultRegion");
        result.TraceOn.Should().BeTrue();
        result.ToString().Should().Be($"SendResult [sendStatus=SEND_OK, msgId=U1, offsetMsgId={OffsetId}, messageQueue=MessageQueue [topic=Orders, brokerName=broker-a, queueId=2], queueOffset=41]");
        return Task.CompletedTask;
    });

    [Fact]
    public Task A_response_naming_another_queue_gets_its_own_queue() => WithClient(client =>
    {
        var selected = new MessageQueue("Orders", "broker-a", 2);
        var result = new SendResult();

        client.ProcessSendResponse("broker-a", Decoded(SerializeType.JSON, queueId: 3), result, [new Message("Orders", [1])], selected);

        result.MessageQueue.Should().Be(new MessageQueue("Orders", "broker-a", 3));
        return Task.CompletedTask;
    });

    [Theory]
    [InlineData("7f00000100002a9f00000000000a1b2c")] // lower case: kept as sent, not upper-cased
    [InlineData("7F00000100002A9F00000000000A1B2C,7F00000100002A9F00000000000A1B8C")] // a batch
    [InlineData("00000000000000000000000000000000000000000000000000000000")] // an IPv6 broker's longer id
    [InlineData("")]
    public Task Offset_message_ids_of_any_shape_read_back_as_sent(string msgId) => WithClient(client =>
    {
        var result = new SendResult();
        client.ProcessSendResponse("broker-a", Decoded(SerializeType.JSON, msgId: msgId), result, [new Message("Orders", [1])], new MessageQueue("Orders", "broker-a", 2));
        result.OffsetMsgID.Should().Be(msgId);
        return Task.CompletedTask;
    });

    [Theory]
    [InlineData("DefaultRegion", "true", "DefaultRegion", true)]
    [InlineData("eu-1", "false", "eu-1", false)]
    [InlineData("", "", "DefaultRegion", false)]
    [InlineData("DefaultRegionX", "on", "DefaultRegionX", true)]
    public Task Region_and_trace_switch_read_as_before(string region, string trace, string expectedRegion, bool expectedTrace) => WithClient(client =>
    {
        var result = new SendResult();
        client.ProcessSendResponse("broker-a", Decoded(SerializeType.JSON, region: region, trace: trace), result, [new Message("Orders", [1])], new MessageQueue("Orders", "broker-a", 2));
        result.RegionID.Should().Be(expectedRegion);
        result.TraceOn.Should().Be(expectedTrace);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Reading_a_common_response_allocates_nothing() => WithClient(client =>
    {
        var msgs = new[] { new Message("Orders", [1]).WithProperty(PropertyKeys.UniqueClientMessageIdKeyIndex, "U1") };
        var selected = new MessageQueue("Orders", "broker-a", 2);
        var result = new SendResult();
        long allocated = -1;
        for (var round = 0; round < 3; round++)
        {
            // The last round counts; the earlier ones let the JIT settle.
            var response = Decoded(SerializeType.JSON);
            var before = GC.GetAllocatedBytesForCurrentThread();
            client.ProcessSendResponse("broker-a", response, result, msgs, selected);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            response.Release();
        }

        allocated.Should().Be(0, "region, trace switch, offset id and queue come without a new string or queue");
        result.OffsetMsgID.Should().Be(OffsetId, "the id is still there after the frame went back to the pool");
        return Task.CompletedTask;
    });
}
