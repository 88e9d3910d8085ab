using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Request-reply over the scripted client; the reply is handed over as the client does on PUSH_REPLY_MESSAGE_TO_CLIENT.</summary>
public class RequestReplyTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static FakeClient ReplyingClient()
    {
        var client = new FakeClient("broker-a");
        client.Handler = r =>
        {
            var request = MessageBatchlessProperties(r.Field("i")!);
            var reply = new Message("DefaultCluster_REPLY_TOPIC", System.Text.Encoding.UTF8.GetBytes("re:" + request[PropertyKeys.CorrelationId]));
            _ = Task.Run(() => client.RequestFutures.SetResponseToRequestResponseFuture(request[PropertyKeys.CorrelationId], reply));
            return Task.FromResult(FakeClient.Ok(r));
        };
        return client;
    }

    private static Dictionary<string, string> MessageBatchlessProperties(string wire)
        => wire.Split('\u0002').Select(p => p.Split('\u0001')).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public async Task Request_marks_the_message_and_returns_the_reply()
    {
        var client = ReplyingClient();
        await using var producer = client.NewProducer();
        await producer.Start();
        var msg = new Message("RequestTopic", [1]);
        var reply = await producer.Request(CallContext.Background, TimeSpan.FromSeconds(3), msg).WaitAsync(Wait);

        var correlationId = msg.GetProperty(PropertyKeys.CorrelationId);
        Guid.TryParse(correlationId, out _).Should().BeTrue();
        System.Text.Encoding.UTF8.GetString(reply.Body).Should().Be("re:" + correlationId);
        msg.GetProperty(PropertyKeys.MessageReplyToClient).Should().Be(client.ClientID());
        msg.GetProperty(PropertyKeys.MessageTtl).Should().Be("3000", "Java's unit, milliseconds");
        client.RequestFutures.Count.Should().Be(0);
    }

    [Fact]
    public async Task RequestAsync_hands_the_reply_to_the_callback()
    {
        var client = ReplyingClient();
        await using var producer = client.NewProducer();
        await producer.Start();
        var done = new TaskCompletionSource<(Message?, Exception?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await producer.RequestAsync(CallContext.Background, TimeSpan.FromSeconds(3), (_, reply, error) => done.TrySetResult((reply, error)), new Message("RequestTopic", [1]));
        var (replyMsg, replyError) = await done.Task.WaitAsync(Wait);
        replyError.Should().BeNull();
        System.Text.Encoding.UTF8.GetString(replyMsg!.Body).Should().StartWith("re:");
    }

    [Fact]
    public async Task A_request_without_reply_times_out_with_go_error_and_leaves_no_future()
    {
        var client = new FakeClient("broker-a");
        await using var producer = client.NewProducer();
        await producer.Start();
        (await FluentActions.Awaiting(() => producer.Request(CallContext.Background, TimeSpan.FromMilliseconds(200), new Message("RequestTopic", [1])))
            .Should().ThrowAsync<MQClientException>()).Which.Code.Should().Be(ClientErrors.ErrRequestTimeout);
        client.RequestFutures.Count.Should().Be(0);

        var done = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Handler = r => Task.FromResult(FakeClient.Ok(r, Internal.ResponseCode.MESSAGE_ILLEGAL));
        await producer.RequestAsync(CallContext.Background, TimeSpan.FromSeconds(5), (_, _, error) => done.TrySetResult(error), new Message("RequestTopic", [1]));
        (await done.Task.WaitAsync(Wait)).Should().BeOfType<MQBrokerException>("a failed send fails the request at once");
        client.RequestFutures.Count.Should().Be(0);
    }
}
