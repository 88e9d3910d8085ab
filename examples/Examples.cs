using RocketMQ.Go.Port.Examples.Common;

namespace RocketMQ.Go.Port.Examples;

/// <summary>Every example, selected by its Go path. Registering an example is one line here.</summary>
internal static class ExampleTable
{
    public static readonly Example[] All =
    [
        new("quickstart", "embedded broker in-process, a push consumer and a producer: send, consume, print", Quickstart.Run),
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
        new("producer/tls", "send over TLS (embedded: a certificate made at run time; else --tls-trust, --tls-server-name, --tls-cert/--tls-key)", Producer.Tls.Run),
        new("consumer/simple", "push consumer: subscribe every tag and print each message", Consumer.Simple.Run),
        new("consumer/broadcast", "broadcasting: every consumer of the group gets every message", Consumer.Broadcast.Run),
        new("consumer/orderly", "orderly consumption: locked queues, one worker per queue, in order", Consumer.Orderly.Run),
        new("consumer/retry/concurrent", "ConsumeRetryLater with delay level 1 until a message came back --retries times", Consumer.Retry.Concurrent.Run),
        new("consumer/retry/order", "orderly: SuspendCurrentQueueAMoment redelivers the same message first", Consumer.Retry.Order.Run),
        new("consumer/tag", "subscribe \"TagA || TagC\" (--expression)", Consumer.Tag.Run),
        new("consumer/sql", "SQL92 selector \"a BETWEEN 0 AND 3\" (--expression)", Consumer.Sql.Run),
        new("consumer/strategy", "allocation strategy (--strategy averagely|circle|hash)", Consumer.Strategy.Run),
        new("consumer/namespace", "consume within a namespace (--namespace)", Consumer.NamespaceExample.Run),
        new("consumer/acl", "consume with ACL credentials (--access-key, --secret-key)", Consumer.Acl.Run),
        new("consumer/interceptor", "two user interceptors around the handler", Consumer.InterceptorExample.Run),
        new("consumer/delay", "print how long after sending each message arrived (--level)", Consumer.Delay.Run),
        new("consumer/rpc", "request-reply, replying side: answer each request of RequestTopic (CreateReplyMessage)", Consumer.Rpc.Run),
        new("consumer/trace", "consume with message trace on (WithTrace)", Consumer.Trace.Run),
        new("consumer/tls", "push consumer over TLS (embedded: a certificate made at run time; else --tls-trust, --tls-server-name, --tls-cert/--tls-key)", Consumer.Tls.Run),
        new("admin/topic", "list topics, create one (--topic, --queues, --broker), show its queues, delete it (unless --keep)", Admin.Topic.Run),
        new("admin/group", "groups per broker, then --group's progress, clients, running info; --reset-minutes N rewinds it on --topic", Admin.Group.Run),
        new("consumer/pull/poll", "lite pull: subscribe with a tag, Poll and ACK", Consumer.Pull.Poll.Run),
        new("consumer/pull/poll_assign", "lite pull: look up offsets by time, seek, assign every queue, Poll and ACK (--minutes)", Consumer.Pull.PollAssign.Run),
        new("consumer/pull/pull", "lite pull: five pullers calling Pull(1) and UpdateOffset, offsets persisted every 5 s", Consumer.Pull.PullLoop.Run),
        new("consumer/pull/pull_from", "PullFrom(queue, offset, 1) per queue with offsets kept by the application", Consumer.Pull.PullFrom.Run),
        new("hosting/worker", "Generic Host worker (hosting/appsettings.json): AddRocketMQProducer, AddRocketMQPushConsumer<OrderHandler>, graceful stop", Hosting.Worker.Run),
        new("otel/console", "OpenTelemetry console exporter: send and process spans (linked through the message) and the client's metrics", Otel.ConsoleExporter.Run),
    ];
}
