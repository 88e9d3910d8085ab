using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples;

/// <summary>Every example, selected by its Go path. Registering an example is one line here.</summary>
internal static class ExampleTable
{
    public static readonly Example[] All =
    [
        new("producer/simple", "send messages synchronously (SendSync)", Producer.Simple.Run),
        new("producer/async", "send with the callback form of SendAsync, then the awaitable form", Producer.Async.Run),
        new("producer/oneway", "send without waiting for the broker (SendOneWay)", Producer.OneWay.Run),
        new("producer/batch", "send several messages as one batch", Producer.Batch.Run),
        new("producer/delay", "send with a delay level (--level, default 3 = 10 s)", Producer.Delay.Run),
        new("producer/delayms", "send with a delivery time (TIMER_DELIVER_MS, --delay-ms; 5.x timer brokers)", Producer.DelayMs.Run),
        new("producer/tag", "send messages with tags TagA, TagB, TagC", Producer.Tag.Run),
        new("producer/orderly", "orderly send: a hash selector by sharding key keeps each key in one queue", Producer.Orderly.Run),
        new("producer/transaction", "transactional messages with a local transaction and broker check-back", Producer.Transaction.Run),
        new("producer/namespace", "send within a namespace (--namespace)", Producer.NamespaceExample.Run),
        new("producer/acl", "send with ACL credentials (--access-key, --secret-key)", Producer.Acl.Run),
        new("producer/interceptor", "send through two user interceptors", Producer.InterceptorExample.Run),
        new("producer/trace", "send with message trace on (WithTrace)", Producer.Trace.Run),
        new("producer/rpc", "request-reply: send a request and wait for the reply (--ttl ms)", Producer.Rpc.RunSync),
        new("producer/rpc/sync", "as producer/rpc", Producer.Rpc.RunSync),
        new("producer/rpc/async", "request-reply with a callback (RequestAsync)", Producer.Rpc.RunAsync),
    ];
}
