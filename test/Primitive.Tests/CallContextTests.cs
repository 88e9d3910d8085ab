namespace RocketMQ.Go.Port.Tests;

/// <summary>A push consumer's call contexts are made when first read, and every reader sees the same ones.</summary>
public class CallContextTests
{
    [Fact]
    public void A_consume_context_makes_its_contexts_on_first_read_and_keeps_them()
    {
        var call = new Call();
        var ctx = CallContext.ForConsume(CancellationToken.None, call);

        ctx.Method.Should().Be(CommunicationMode.ConsumerPush);
        ctx.ConcurrentlyCtxIfMade.Should().BeNull("nobody read it yet");
        call.Made.Should().Be(0);

        var concurrently = ctx.ConcurrentlyCtx!;
        concurrently.AckIndex = 2;
        ctx.ConcurrentlyCtx.Should().BeSameAs(concurrently);
        ctx.ConcurrentlyCtxIfMade.Should().BeSameAs(concurrently);
        ctx.ConsumerCtx.Should().BeSameAs(ctx.ConsumerCtx);
        ctx.ConsumerCtx!.ConsumerGroup.Should().Be("g");
        call.Made.Should().Be(2, "each context is made once");
    }

    [Fact]
    public void A_derived_context_shares_the_calls_contexts_and_compares_equal_to_its_parent()
    {
        var ctx = CallContext.ForConsume(CancellationToken.None, new Call());
        var derived = ctx.WithValue("k", 1);

        derived.ConsumerCtx.Should().BeSameAs(ctx.ConsumerCtx);
        derived.ConcurrentlyCtx.Should().BeSameAs(ctx.ConcurrentlyCtx);
        (ctx with { }).Should().Be(ctx);
        (ctx with { }).GetHashCode().Should().Be(ctx.GetHashCode());
        CallContext.ForConsume(CancellationToken.None, new Call()).Should().NotBe(ctx, "another call has other contexts");
        (ctx with { ConsumerCtx = null }).ConsumerCtx.Should().BeNull("a derived context can drop one");
        ctx.ConsumerCtx.Should().NotBeNull();
    }

    [Fact]
    public async Task Readers_racing_on_first_read_get_the_same_context()
    {
        for (var round = 0; round < 100; round++)
        {
            var ctx = CallContext.ForConsume(CancellationToken.None, new Call());
            var seen = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ctx.ConcurrentlyCtx)));
            seen.Should().OnlyContain(c => ReferenceEquals(c, ctx.ConcurrentlyCtx));
        }
    }

    private sealed class Call : IConsumeCallContexts
    {
        private int _made;

        public int Made => Volatile.Read(ref _made);

        public ConsumeMessageContext CreateConsumerCtx()
        {
            Interlocked.Increment(ref _made);
            return new ConsumeMessageContext { ConsumerGroup = "g" };
        }

        public ConsumeConcurrentlyContext CreateConcurrentlyCtx()
        {
            Interlocked.Increment(ref _made);
            return new ConsumeConcurrentlyContext();
        }
    }
}
