namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// The consume trace interceptor (Go: consumer/interceptor.go <c>newTraceInterceptor</c>): a SubBefore record with
/// every traced message before the handler, a SubAfter record with the outcome and the time taken after it. Put first
/// in the chain by <see cref="CommonOptions.WithTrace"/>.
/// </summary>
internal static class TraceInterceptor
{
    /// <summary>An interceptor appending to <paramref name="dispatcher"/>.</summary>
    public static Interceptor Create(ITraceDispatcher dispatcher) => async (ctx, request, reply, next) =>
    {
        var consumerCtx = ctx.ConsumerCtx;
        if (consumerCtx is null || consumerCtx.Msgs.Count == 0)
        {
            await next(ctx, request, reply).ConfigureAwait(false);
            return;
        }

        var begin = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var before = new TraceContext
        {
            RequestId = MessageClientId.CreateUniqId(),
            TimeStamp = begin,
            TraceType = TraceType.SubBefore,
            GroupName = consumerCtx.ConsumerGroup,
            IsSuccess = true,
        };
        foreach (var msg in consumerCtx.Msgs)
        {
            if (msg is null || msg.IsTraceOn() == "false")
            {
                continue;
            }

            before.TraceBeans.Add(new TraceBean
            {
                Topic = msg.Topic,
                MsgId = msg.MsgId,
                Tags = msg.GetTags(),
                Keys = msg.GetKeys(),
                StoreTime = msg.StoreTimestamp,
                BodyLength = msg.StoreSize,
                RetryTimes = msg.ReconsumeTimes,
                ClientHost = NetUtils.LocalIP,
                StoreHost = NetUtils.LocalIP,
            });
            before.RegionId = msg.GetRegionID();
        }

        if (before.TraceBeans.Count > 0)
        {
            dispatcher.Append(before);
        }

        try
        {
            await next(ctx, request, reply).ConfigureAwait(false);
        }
        finally
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var returnType = consumerCtx.Properties.GetValueOrDefault(ConsumeReturnTypeExtensions.PropCtxType);
            dispatcher.Append(new TraceContext
            {
                TimeStamp = now,
                TraceType = TraceType.SubAfter,
                RegionId = before.RegionId,
                GroupName = before.GroupName,
                RequestId = before.RequestId,
                IsSuccess = consumerCtx.Success,
                CostTime = now - begin,
                TraceBeans = before.TraceBeans,
                ContextCode = (int)ParseReturnType(returnType),
            });
        }
    };

    private static ConsumeReturnType ParseReturnType(string? text) => text switch
    {
        "SUCCESS" => ConsumeReturnType.SuccessReturn,
        "TIMEOUT" => ConsumeReturnType.TimeoutReturn,
        "EXCEPTION" => ConsumeReturnType.ExceptionReturn,
        "RETURNNULL" => ConsumeReturnType.NullReturn,
        _ => ConsumeReturnType.FailedReturn,
    };
}
