using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Java's send(msg, selector, arg): the per-call selector against a scripted client.</summary>
public class SelectorArgTests
{
    private static string BrokerOf(SentRequest r) => r.Field("n")!;

    private static int QueueOf(SentRequest r) => int.Parse(r.Field("e")!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_send_goes_to_the_queue_its_argument_selects_in_every_mode()
    {
        var client = new FakeClient("broker-a", "broker-b");
        await using var producer = client.NewProducer();
        await producer.Start();
        var seen = new List<(int Count, object? Arg)>();
        MessageQueueSelector byIndex = (queues, _, arg) =>
        {
            lock (seen)
            {
                seen.Add((queues.Count, arg));
            }

            return queues[(int)arg!];
        };

        (await producer.SendSync(CallContext.Background, new Message("T", [1]), byIndex, 5)).MessageQueue.Should().Be(new MessageQueue("T", "broker-b", 1));
        (await producer.SendAsync(CallContext.Background, new Message("T", [2]), byIndex, 2)).MessageQueue.Should().Be(new MessageQueue("T", "broker-a", 2));
        await producer.SendOneWay(CallContext.Background, new Message("T", [3]), byIndex, 7);
        var callback = new TaskCompletionSource<SendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await producer.SendAsync(CallContext.Background, (_, r, e) => { if (e is null) callback.TrySetResult(r!); else callback.TrySetException(e); },
            new Message("T", [4]), byIndex, 0);
        (await callback.Task.WaitAsync(TimeSpan.FromSeconds(10))).MessageQueue.Should().Be(new MessageQueue("T", "broker-a", 0));

        client.Requests.Select(r => (BrokerOf(r), QueueOf(r))).Should().Equal(("broker-b", 1), ("broker-a", 2), ("broker-b", 3), ("broker-a", 0));
        seen.Should().Equal((8, 5), (8, 2), (8, 7), (8, 0));
    }

    [Fact]
    public async Task A_selected_send_gets_one_attempt_as_in_java_so_a_failure_reaches_the_caller()
    {
        var client = new FakeClient("broker-a", "broker-b");
        client.Handler = r => Task.FromException<RemotingCommand>(new RemotingConnectException(r.Addr, "refused " + r.Addr));
        await using var producer = client.NewProducer(null, ProducerOptions.WithRetry(2));
        await producer.Start();
        var calls = 0;

        await FluentActions.Awaiting(() => producer.SendSync(CallContext.Background, new Message("T", [1]), (queues, _, _) =>
        {
            Interlocked.Increment(ref calls);
            return queues[0];
        }, null)).Should().ThrowAsync<RemotingConnectException>();

        calls.Should().Be(1);
        client.Requests.Should().ContainSingle("a retry on another queue would break the order the selector keeps");
    }

    [Fact]
    public async Task A_selector_returning_null_or_throwing_fails_the_send_with_a_client_error_and_sends_nothing()
    {
        var client = new FakeClient("broker-a");
        await using var producer = client.NewProducer();
        await producer.Start();

        (await FluentActions.Awaiting(() => producer.SendSync(CallContext.Background, new Message("T", [1]), (_, _, _) => null, "x"))
            .Should().ThrowAsync<MQClientException>()).Which.Message.Should().Contain("selector returned no queue").And.Contain("topic=T");

        var boom = new InvalidOperationException("no such order");
        var thrown = await FluentActions.Awaiting(() => producer.SendAsync(CallContext.Background, new Message("T", [1]), (_, _, _) => throw boom, "x"))
            .Should().ThrowAsync<MQClientException>();
        thrown.Which.InnerException.Should().BeSameAs(boom);
        thrown.Which.Message.Should().Contain("selector threw").And.Contain("no such order");
        client.Requests.Should().BeEmpty();

        await FluentActions.Awaiting(() => producer.SendSync(CallContext.Background, new Message("T", [1]), null!, "x")).Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task With_a_namespace_the_selector_sees_the_callers_topic_and_the_send_goes_to_the_namespaced_queue()
    {
        var client = new FakeClient("broker-a");
        await using var producer = client.NewProducer(null, ProducerOptions.WithNamespace("ns1"));
        await producer.Start();
        IReadOnlyList<MessageQueue>? queues = null;
        string? topicSeen = null;

        var result = await producer.SendSync(CallContext.Background, new Message("T", [1]), (mqs, msg, _) =>
        {
            queues = mqs;
            topicSeen = msg.Topic;
            return mqs[3];
        }, null);

        queues!.Select(q => q.Topic).Should().OnlyContain(t => t == "T");
        topicSeen.Should().Be("T");
        client.Requests.Single().Field("b").Should().Be("ns1%T");
        QueueOf(client.Requests.Single()).Should().Be(3);
        result.MessageQueue!.Topic.Should().Be("T");
    }

    [Theory]
    [InlineData("hello", 99162322)]
    [InlineData("", 0)]
    [InlineData("polygenelubricants", int.MinValue)]
    [InlineData("订单-7", 1085411549)] // UTF-16 code units, as Java's String.hashCode
    public void JavaHashCode_of_a_string_is_javas(string arg, int expected)
        => MessageQueueSelectors.JavaHashCode(arg).Should().Be(expected);

    [Fact]
    public void JavaHashCode_of_numbers_and_booleans_is_javas_and_other_types_are_refused()
    {
        MessageQueueSelectors.JavaHashCode(42).Should().Be(42);
        MessageQueueSelectors.JavaHashCode(-7L).Should().Be(6, "Long.hashCode(-7) = (int)(-7 ^ (-7 >>> 32))");
        MessageQueueSelectors.JavaHashCode(1L << 32).Should().Be(1);
        MessageQueueSelectors.JavaHashCode(true).Should().Be(1231);
        MessageQueueSelectors.JavaHashCode('A').Should().Be(65);
        FluentActions.Invoking(() => MessageQueueSelectors.JavaHashCode(Guid.Empty)).Should().Throw<ArgumentException>().WithMessage("*System.Guid*");
        FluentActions.Invoking(() => MessageQueueSelectors.JavaHashCode(null)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void ByHash_picks_the_queue_javas_SelectMessageQueueByHash_picks()
    {
        var queues = Enumerable.Range(0, 8).Select(i => new MessageQueue("T", "broker-a", i)).ToList();
        var msg = new Message("T", [1]);

        // "polygenelubricants" hashes to int.MinValue: Java's remainder is 0, and a negative remainder is made positive.
        MessageQueueSelectors.ByHash(queues, msg, "polygenelubricants")!.QueueId.Should().Be(0);
        MessageQueueSelectors.ByHash(queues, msg, "hello")!.QueueId.Should().Be(99162322 % 8);
        MessageQueueSelectors.ByHash(queues, msg, -13)!.QueueId.Should().Be(5, "Java: Math.abs(-13 % 8) = 5");
        Enumerable.Range(0, 20).Select(_ => MessageQueueSelectors.ByRandom(queues, msg, null)!.QueueId).Should().OnlyContain(q => q >= 0 && q < 8);
    }
}
