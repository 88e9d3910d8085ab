using System.Diagnostics;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Producer;

public sealed partial class ProducerOptions
{
}

/// <summary>The send trace interceptor (Go: producer/interceptor.go <c>newTraceInterceptor</c>).</summary>
internal static class TraceInterceptor
{
    /// <summary>An interceptor that appends a Pub record to <paramref name="dispatcher"/> after each answered send.</summary>
    public static Interceptor Create(ITraceDispatcher dispatcher) => async (ctx, request, reply, next) =>
    {
        var begin = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = Stopwatch.GetTimestamp();
        await next(ctx, request, reply).ConfigureAwait(false);

        // One-way sends have no result to trace, as in Go.
        if (ctx.ProducerCtx is not { Message: { } msg } producerCtx || reply is not SendResult result
            || msg.Topic == dispatcher.GetTraceTopicName() || string.IsNullOrEmpty(result.RegionID) || !result.TraceOn)
        {
            return;
        }

        var cost = (long)Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
        dispatcher.Append(new TraceContext
        {
            RequestId = MessageClientId.CreateUniqId(),
            TimeStamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            TraceType = TraceType.Pub,
            GroupName = producerCtx.ProducerGroup,
            RegionId = result.RegionID,
            CostTime = cost,
            IsSuccess = result.Status == SendStatus.SendOK,
            TraceBeans =
            [
                new TraceBean
                {
                    Topic = msg.Topic,
                    Tags = msg.GetTags(),
                    Keys = msg.GetKeys(),
                    StoreHost = producerCtx.BrokerAddr,
                    ClientHost = NetUtils.LocalIP,
                    BodyLength = msg.Body.Length,
                    MsgType = producerCtx.MsgType,
                    MsgId = result.MsgID,
                    OffsetMsgId = result.OffsetMsgID,
                    StoreTime = begin + (cost / 2),
                },
            ],
        });
    };
}
