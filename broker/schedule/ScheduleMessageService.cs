using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Schedule;

/// <summary>
/// Delivers delayed messages (Java: ScheduleMessageService). A delayed message is stored in SCHEDULE_TOPIC_XXXX,
/// queue level-1, with its due time as the consume-queue tag code; one loop per level waits for the head of its
/// queue to fall due (on the injected clock), then stores it again under REAL_TOPIC/REAL_QID. Progress per level is
/// persisted (config/delayOffset.json) so a restart neither loses nor repeats deliveries.
/// </summary>
internal sealed class ScheduleMessageService : IAsyncDisposable
{
    private readonly MessageStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string? _file;
    private readonly ConcurrentDictionary<int, long> _offsets = new();
    private readonly TaskCompletionSource[] _signals;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];

    public ScheduleMessageService(MessageStore store, TimeProvider time, ILogger logger, string? configDirectory)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _file = configDirectory is null ? null : Path.Combine(configDirectory, "delayOffset.json");
        _signals = new TaskCompletionSource[store.DelayLevels.MaxLevel + 1];
        for (var i = 0; i < _signals.Length; i++)
        {
            _signals[i] = NewSignal();
        }
    }

    /// <summary>Raised after each delivery (level, delivered queue offset); for tests and stats.</summary>
    public event Action<int, long>? Delivered;

    /// <summary>The next schedule-queue offset to deliver for <paramref name="level"/>.</summary>
    public long OffsetOf(int level) => _offsets.TryGetValue(level, out var offset) ? offset : 0;

    /// <summary>Every level's progress (GET_ALL_DELAY_OFFSET).</summary>
    public IReadOnlyDictionary<int, long> Offsets => _offsets;

    /// <summary>Loads progress and starts one loop per level.</summary>
    public void Start()
    {
        if (_file is not null && File.Exists(_file))
        {
            var saved = JsonSerializer.Deserialize<Dictionary<string, Dictionary<int, long>>>(File.ReadAllBytes(_file));
            if (saved is not null && saved.TryGetValue("offsetTable", out var table))
            {
                foreach (var pair in table)
                {
                    _offsets[pair.Key] = pair.Value;
                }
            }
        }

        for (var level = 1; level <= _store.DelayLevels.MaxLevel; level++)
        {
            var l = level;
            _loops.Add(Task.Run(() => LevelLoopAsync(l)));
        }
    }

    /// <summary>A message landed in a schedule queue: wake that level's loop if it waits for one.</summary>
    public void OnArrival(int queueId)
    {
        var level = queueId + 1;
        if (level >= 1 && level < _signals.Length)
        {
            Interlocked.Exchange(ref _signals[level], NewSignal()).TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
        }

        Persist();
        _stop.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task LevelLoopAsync(int level)
    {
        var queueId = DelayLevels.QueueId(level);
        var delayMs = (long)_store.DelayLevels.Delays[level - 1].TotalMilliseconds;
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                var signal = Volatile.Read(ref _signals[level]).Task;
                var offset = OffsetOf(level);
                if (!_store.TryGetQueueEntry(Constants.ScheduleTopic, queueId, offset, out var entry))
                {
                    var min = _store.GetMinOffsetInQueue(Constants.ScheduleTopic, queueId);
                    if (offset < min)
                    {
                        _offsets[level] = min;
                        continue;
                    }

                    await signal.WaitAsync(token).ConfigureAwait(false);
                    continue;
                }

                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                var due = Math.Min(entry.TagsCode, now + delayMs); // a clock set back must not strand messages
                if (due > now)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(due - now), _time, token).ConfigureAwait(false);
                    continue;
                }

                if (Deliver(entry))
                {
                    _offsets[level] = offset + 1;
                    Persist();
                    Delivered?.Invoke(level, offset);
                }
                else
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "delay level {Level} delivery failed; retrying", level);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private bool Deliver(ConsumeQueueEntry entry)
    {
        var record = _store.ReadRecord(entry.CommitLogOffset);
        if (record.IsEmpty)
        {
            return true; // already gone: skip it
        }

        var message = MessageInner.FromRecord(record.Span);
        var realTopic = message.Properties.Get(PropertyKeys.RealTopic);
        if (realTopic is null || !int.TryParse(message.Properties.Get(PropertyKeys.RealQueueId), out var realQueueId))
        {
            _logger.LogWarning("scheduled message at {Offset} has no REAL_TOPIC/REAL_QID: dropped", entry.CommitLogOffset);
            return true;
        }

        // Java keeps the stored property string (DELAY included) and clears DELAY from the map only.
        message.Topic = realTopic;
        message.QueueId = realQueueId;
        message.IgnoreDelay = true;
        var result = _store.PutMessage(message);
        if (!result.IsOk)
        {
            _logger.LogWarning("re-storing a due delayed message for {Topic} failed: {Status}", realTopic, result.Status);
        }

        return result.IsOk;
    }

    private void Persist()
    {
        if (_file is not null)
        {
            ConfigFile.WriteAtomically(_file, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["offsetTable"] = new Dictionary<int, long>(_offsets) }));
        }
    }
}
