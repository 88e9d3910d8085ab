using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RocketMQ.Go.Port.Benchmark.Faults;

/// <summary>
/// What a fault run sent, had acknowledged and consumed, counted by message key (thread-safe). Lost = acknowledged
/// but never consumed; duplicates = deliveries beyond the first of a key. Every scenario and the stable run print
/// <see cref="Line"/>.
/// </summary>
public sealed class Tally(string name)
{
    private readonly ConcurrentDictionary<string, byte> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _consumed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private readonly ConcurrentQueue<string> _notes = new();
    private long _sent;
    private long _deliveries;

    /// <summary>The scenario's name, first on the line.</summary>
    public string Name { get; } = name;

    /// <summary>Sends attempted.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Sends the broker acknowledged.</summary>
    public int Acknowledged => _acknowledged.Count;

    /// <summary>Keys consumed at least once.</summary>
    public int ConsumedDistinct => _consumed.Count;

    /// <summary>Every delivery, duplicates included.</summary>
    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>Deliveries beyond the first of each key.</summary>
    public long Duplicates => Deliveries - ConsumedDistinct;

    /// <summary>Acknowledged keys never consumed (so far).</summary>
    public int Lost => _acknowledged.Keys.Count(k => !_consumed.ContainsKey(k));

    /// <summary>Errors by exception type (or a label).</summary>
    public IReadOnlyDictionary<string, long> Errors => _errors;

    /// <summary>Total errors.</summary>
    public long ErrorCount => _errors.Values.Sum();

    /// <summary>Time from the fault's end to the measured recovery, when the scenario measures one.</summary>
    public TimeSpan? Recovery { get; set; }

    /// <summary>Broken promises the scenario found (empty when everything held).</summary>
    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>A send is about to go out.</summary>
    public void Sending() => Interlocked.Increment(ref _sent);

    /// <summary>The broker acknowledged <paramref name="key"/>.</summary>
    public void Acknowledge(string key) => _acknowledged.TryAdd(key, 0);

    /// <summary>True when <paramref name="key"/> was acknowledged.</summary>
    public bool IsAcknowledged(string key) => _acknowledged.ContainsKey(key);

    /// <summary>A handler got <paramref name="key"/>; returns how often it has now been delivered.</summary>
    public int Consume(string key)
    {
        Interlocked.Increment(ref _deliveries);
        return _consumed.AddOrUpdate(key, 1, static (_, n) => n + 1);
    }

    /// <summary>How often <paramref name="key"/> was delivered.</summary>
    public int DeliveriesOf(string key) => _consumed.GetValueOrDefault(key);

    /// <summary>Counts an error under its exception type.</summary>
    public void Error(Exception error) => Error(error.GetType().Name);

    /// <summary>Counts an error under <paramref name="label"/>.</summary>
    public void Error(string label) => _errors.AddOrUpdate(label, 1, static (_, n) => n + 1);

    /// <summary>Records a broken promise.</summary>
    public void Violation(string what) => _violations.Enqueue(what);

    /// <summary>Records an observation that is not a promise (printed on the line, never failing the run).</summary>
    public void Note(string what) => _notes.Enqueue(what);

    /// <summary>Records a broken promise unless <paramref name="holds"/>.</summary>
    public void Check(bool holds, string what)
    {
        if (!holds)
        {
            Violation(what);
        }
    }

    /// <summary>Acknowledged keys not consumed yet.</summary>
    public IReadOnlyList<string> Missing() => [.. _acknowledged.Keys.Where(k => !_consumed.ContainsKey(k))];

    /// <summary>Waits until every acknowledged key was consumed, or <paramref name="timeout"/> passed; true when all were.</summary>
    public async Task<bool> WaitForAllConsumed(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (_acknowledged.Keys.Any(k => !_consumed.ContainsKey(k)))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// "tally NAME: sent S, acknowledged A, consumed distinct C, duplicates D, lost L, errors {Type: n, ...}, recovered in R ms".
    /// </summary>
    public string Line()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"tally {Name}: sent {Sent}, acknowledged {Acknowledged}, consumed distinct {ConsumedDistinct}, duplicates {Duplicates}, lost {Lost}, errors ");
        text.Append(ErrorCount == 0 ? "none" : "{" + string.Join(", ", _errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}")) + "}");
        text.Append(Recovery is { } r ? string.Create(CultureInfo.InvariantCulture, $", recovered in {r.TotalMilliseconds:F0} ms") : ", recovery not measured");
        if (!_notes.IsEmpty)
        {
            text.Append(CultureInfo.InvariantCulture, $"; note: {string.Join("; ", _notes)}");
        }

        if (!_violations.IsEmpty)
        {
            text.Append(CultureInfo.InvariantCulture, $"; VIOLATED: {string.Join("; ", _violations)}");
        }

        return text.ToString();
    }
}
