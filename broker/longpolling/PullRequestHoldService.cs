using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Client;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.LongPolling;

/// <summary>A pull held until a message arrives or its suspend timeout passes (Java: PullRequest).</summary>
internal sealed class PullRequest(RemotingCommand request, IClientChannel channel, long pullFromThisOffset, IMessageFilter? filter)
{
    private int _completed;

    public RemotingCommand Request { get; } = request;

    public IClientChannel Channel { get; } = channel;

    public long PullFromThisOffset { get; } = pullFromThisOffset;

    public IMessageFilter? Filter { get; } = filter;

    public ITimer? Timer { get; set; }

    /// <summary>True for exactly one caller: the one that answers the request.</summary>
    public bool TryComplete() => Interlocked.Exchange(ref _completed, 1) == 0;
}

/// <summary>
/// Long polling (Java: PullRequestHoldService): pulls that found nothing wait per topic and queue and are answered
/// the moment a matching message is dispatched - the store calls <see cref="Arriving"/> on the sender's thread, which
/// answers (up to <see cref="MaxInlineAnswers"/>) right there - or when their own timer fires at
/// suspendTimeoutMillis. No polling interval anywhere.
/// </summary>
internal sealed class PullRequestHoldService(MessageStore store, TimeProvider time, Func<PullRequest, Task> wakeup, ILogger logger) : IMessageArrivingListener
{
    /// <summary>Held pulls answered on the storing thread per arrival; more go to the thread pool so a send isn't held up.</summary>
    private const int MaxInlineAnswers = 8;

    private readonly ConcurrentDictionary<(string Topic, int QueueId), List<PullRequest>> _table = new();

    /// <summary>Called once a woken pull's answer is queued on its connection (the broker benchmark times it).</summary>
    public Action<PullRequest>? Answered { get; set; }

    /// <summary>Number of held pulls (for tests and stats).</summary>
    public int HeldCount
    {
        get
        {
            var count = 0;
            foreach (var list in _table.Values)
            {
                lock (list)
                {
                    count += list.Count;
                }
            }

            return count;
        }
    }

    /// <summary>Holds a pull; it is answered on arrival or after <paramref name="timeout"/>.</summary>
    public void Suspend(string topic, int queueId, PullRequest request, TimeSpan timeout)
    {
        var list = _table.GetOrAdd((topic, queueId), _ => []);
        lock (list)
        {
            list.Add(request);
        }

        request.Timer = time.CreateTimer(static state => ((Action)state!)(), (Action)(() => Wake(topic, queueId, request)), timeout, Timeout.InfiniteTimeSpan);

        // A message stored between the pull's read and the registration above must not wait for the timeout.
        if (store.GetMaxOffsetInQueue(topic, queueId) > request.PullFromThisOffset)
        {
            Wake(topic, queueId, request);
        }
    }

    /// <inheritdoc />
    public void Arriving(string topic, int queueId, long maxOffset, long tagsCode, long commitLogOffset, int size)
    {
        if (!_table.TryGetValue((topic, queueId), out var list))
        {
            return;
        }

        List<PullRequest>? ready = null;
        lock (list)
        {
            for (var i = list.Count - 1; i >= 0; i--)
            {
                var request = list[i];
                if (maxOffset <= request.PullFromThisOffset || !Matches(request.Filter, tagsCode, commitLogOffset, size))
                {
                    continue;
                }

                list.RemoveAt(i);
                (ready ??= []).Add(request);
            }
        }

        if (ready is not null)
        {
            for (var i = 0; i < ready.Count; i++)
            {
                Answer(ready[i], inline: i < MaxInlineAnswers);
            }
        }
    }

    /// <summary>Answers every held pull at once (shutdown or a connection's pulls).</summary>
    public void ReleaseAll(IClientChannel? onlyChannel = null)
    {
        foreach (var (key, list) in _table)
        {
            List<PullRequest> taken = [];
            lock (list)
            {
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    if (onlyChannel is null || list[i].Channel == onlyChannel)
                    {
                        taken.Add(list[i]);
                        list.RemoveAt(i);
                    }
                }
            }

            foreach (var request in taken)
            {
                if (request.TryComplete())
                {
                    request.Timer?.Dispose();
                }
            }
        }
    }

    private bool Matches(IMessageFilter? filter, long tagsCode, long commitLogOffset, int size)
    {
        if (filter is null)
        {
            return true;
        }

        if (!filter.IsMatchedByConsumeQueue(tagsCode))
        {
            return false;
        }

        var record = store.ReadRecord(commitLogOffset);
        return record.IsEmpty || filter.IsMatchedByCommitLog(record.Span);
    }

    private void Wake(string topic, int queueId, PullRequest request)
    {
        if (_table.TryGetValue((topic, queueId), out var list))
        {
            lock (list)
            {
                list.Remove(request);
            }
        }

        Answer(request);
    }

    private void Answer(PullRequest request, bool inline = true)
    {
        if (!request.TryComplete())
        {
            return;
        }

        request.Timer?.Dispose();
        if (inline)
        {
            // Reading from the in-memory store and queueing the answer on the consumer's connection takes
            // microseconds: doing it here saves a thread-pool hop, the largest part of the wake-up latency on a busy
            // machine. RunWakeup never throws and only awaits a full write queue.
            _ = RunWakeup(request);
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            var (self, pull) = ((PullRequestHoldService, PullRequest))state!;
            _ = self.RunWakeup(pull);
        }, (this, request));
    }

    private async Task RunWakeup(PullRequest request)
    {
        try
        {
            await wakeup(request).ConfigureAwait(false);
            Answered?.Invoke(request);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "answering a held pull from {Remote} failed", request.Channel.RemoteAddress);
        }
    }
}
