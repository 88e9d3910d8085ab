using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RocketMQ.Go.Port.Tests;

/// <summary>An ILoggerFactory that keeps every entry, so tests can assert what was logged and wait for it.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly object _gate = new();
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Done)> _waiters = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    /// <summary>Completes with the first entry (past or future) matching <paramref name="match"/>.</summary>
    public Task<LogEntry> WaitFor(Func<LogEntry, bool> match)
    {
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                if (match(entry))
                {
                    return Task.FromResult(entry);
                }
            }

            var done = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task;
        }
    }

    private void Add(LogEntry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(entry))
                {
                    _waiters[i].Done.TrySetResult(entry);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private sealed class Logger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Add(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);
