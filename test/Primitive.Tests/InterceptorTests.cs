namespace RocketMQ.Go.Port.Tests;

public class InterceptorTests
{
    [Fact]
    public async Task Chained_interceptors_run_in_order_around_the_invoker()
    {
        var trace = new List<string>();
        Interceptor Named(string name) => async (ctx, req, reply, next) =>
        {
            trace.Add(name + ">");
            await next(ctx, req, reply);
            trace.Add("<" + name);
        };

        var chain = Interceptors.ChainInterceptors(Named("a"), Named("b"), Named("c"))!;
        await chain(CallContext.Background, "req", null, (_, req, _) =>
        {
            trace.Add("invoke " + req);
            return Task.CompletedTask;
        });

        trace.Should().Equal("a>", "b>", "c>", "invoke req", "<c", "<b", "<a");
    }

    [Fact]
    public async Task An_interceptor_can_short_circuit_and_exceptions_propagate()
    {
        var invoked = false;
        var chain = Interceptors.ChainInterceptors(
            (_, _, _, _) => Task.CompletedTask,
            (ctx, req, reply, next) => next(ctx, req, reply))!;
        await chain(CallContext.Background, "req", null, (_, _, _) => { invoked = true; return Task.CompletedTask; });
        invoked.Should().BeFalse();

        var failing = Interceptors.ChainInterceptors((ctx, req, reply, next) => next(ctx, req, reply), (ctx, req, reply, next) => next(ctx, req, reply))!;
        await FluentActions.Awaiting(() => failing(CallContext.Background, "req", null, (_, _, _) => throw new InvalidOperationException("boom")))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("boom");
    }

    [Fact]
    public void Empty_chain_is_null_and_single_is_itself()
    {
        Interceptors.ChainInterceptors().Should().BeNull();
        Interceptor only = (ctx, req, reply, next) => next(ctx, req, reply);
        Interceptors.ChainInterceptors(only).Should().BeSameAs(only);
    }

    [Fact]
    public async Task Interceptors_see_the_context_the_previous_one_derived()
    {
        var producerCtx = new ProducerCtx { ProducerGroup = "pg", CommunicationMode = CommunicationMode.SendSync };
        CallContext? seen = null;
        var chain = Interceptors.ChainInterceptors(
            (ctx, req, reply, next) => next(ctx.WithProducerCtx(producerCtx).WithMethod(CommunicationMode.SendSync), req, reply),
            (ctx, req, reply, next) => { seen = ctx; return next(ctx, req, reply); })!;
        var root = CallContext.From(new CancellationTokenSource().Token).WithValue("trace", 42);

        await chain(root, new Message("T", null), new SendResult(), (_, _, _) => Task.CompletedTask);

        seen!.ProducerCtx.Should().BeSameAs(producerCtx);
        seen.Method.Should().Be(CommunicationMode.SendSync);
        seen.Value("trace").Should().Be(42);
        seen.CancellationToken.Should().Be(root.CancellationToken);
        root.ProducerCtx.Should().BeNull("deriving leaves the parent unchanged, as Go's context does");
    }

    [Fact]
    public void Context_defaults_match_go()
    {
        new ConsumeOrderlyContext().AutoCommit.Should().BeTrue();
        new ConsumeOrderlyContext().SuspendCurrentQueueTimeMillis.Should().Be(-1);
        new ConsumeConcurrentlyContext().AckIndex.Should().Be(int.MaxValue);
        ConsumeReturnType.NullReturn.ToWireString().Should().Be("RETURNNULL");
        ((int)ConsumeReturnType.FailedReturn).Should().Be(4);
    }
}
