using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Logging for diagnosing a test: set ROCKETMQ_TEST_LOG to a file path to get every client log line there.</summary>
internal static class TestLog
{
    private static readonly string? Path = Environment.GetEnvironmentVariable("ROCKETMQ_TEST_LOG");

    public static ILoggerFactory Factory { get; } = Path is null ? NullLoggerFactory.Instance : new FileLoggerFactory(Path);

    private sealed class FileLoggerFactory(string path) : ILoggerFactory
    {
        private readonly Lock _lock = new();

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

        public void Dispose()
        {
        }

        private void Write(string line)
        {
            lock (_lock)
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }

        private sealed class FileLogger(FileLoggerFactory owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Write($"{DateTime.Now:HH:mm:ss.fff} [{Environment.CurrentManagedThreadId}] {logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception)}");
        }
    }
}
