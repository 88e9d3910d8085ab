using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;

namespace RocketMQ.Go.Port.Tests;

/// <summary>The Go-shaped entry points of api.go: Rocketmq.NewProducer / NewTransactionProducer.</summary>
public class FacadeTests : ClusterTestBase
{
    [Fact]
    public async Task NewProducer_sends_through_every_form_of_the_interface()
    {
        await using var producer = Rocketmq.NewProducer(ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(NewGroup()));
        await producer.Start();
        (await producer.SendSync(CallContext.Background, Msg("FacadeTopic", "a"))).Status.Should().Be(SendStatus.SendOK);
        (await producer.SendSync(Msg("FacadeTopic", "b"))).Status.Should().Be(SendStatus.SendOK);
        (await producer.SendSync([Msg("FacadeTopic", "c"), Msg("FacadeTopic", "d")])).MsgID.Split(',').Should().HaveCount(2);
        (await producer.SendAsync(Msg("FacadeTopic", "e"))).Status.Should().Be(SendStatus.SendOK);
        await producer.SendOneWay(Msg("FacadeTopic", "f"));
        var stored = await Eventually(() => Stored("FacadeTopic"), s => s.Count == 6);
        stored.Select(Text).Should().BeEquivalentTo("a", "b", "c", "d", "e", "f");
        await producer.Shutdown();
        (await FluentActions.Awaiting(() => producer.SendSync(Msg("FacadeTopic", "g"))).Should().ThrowAsync<MQClientException>())
            .Which.Code.Should().Be(ClientErrors.ErrNotRunning);
    }

    [Fact]
    public async Task NewTransactionProducer_commits_through_the_interface()
    {
        var listener = new TransactionClusterTests.Listener();
        await using var producer = Rocketmq.NewTransactionProducer(listener, ProducerOptions.WithNameServer(Cluster.NameServerAddress), ProducerOptions.WithGroupName(NewGroup("tx")));
        await producer.Start();
        var result = await producer.SendMessageInTransaction(Msg("FacadeTx", "tx"));
        result.State.Should().Be(LocalTransactionState.CommitMessageState);
        (await Eventually(() => Stored("FacadeTx"), s => s.Count == 1)).Select(Text).Should().Equal("tx");
        FluentActions.Invoking(() => Rocketmq.NewTransactionProducer(null!)).Should().Throw<ArgumentNullException>();
    }
}
