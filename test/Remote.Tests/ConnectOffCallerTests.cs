using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Opening a connection starts threads, and Thread.Start waits until the new thread runs: on a loaded machine that
/// took up to 900 ms, all of it on the caller's thread before its first await and so past its deadline. The caller
/// must only queue the opening.
/// </summary>
public sealed class ConnectOffCallerTests
{
    [Fact]
    public async Task A_request_to_a_new_address_starts_no_thread_on_the_callers_thread()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { DedicatedReaders = true });
        using var listener = new LongRunningTaskListener();

        // A thread of its own: a pool thread could run the queued opening itself once the call returned.
        Task? invoked = null;
        var callerThread = new Thread(() => invoked = client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "a"), TimeSpan.FromSeconds(5)));
        callerThread.Start();
        callerThread.Join(TimeSpan.FromSeconds(10)).Should().BeTrue();
        await invoked!.WaitAsync(TimeSpan.FromSeconds(10));
        var caller = callerThread.ManagedThreadId;

        listener.Threads.Should().NotBeEmpty("the connect runs on a thread of its own (a dedicated reader's blocking socket)");
        listener.Threads.Should().NotContain(caller, "the caller's thread must not wait for a new thread to start");
    }

    /// <summary>Records the managed thread that scheduled each long-running Task (a new thread) while it listens.</summary>
    private sealed class LongRunningTaskListener : EventListener
    {
        private const int TaskScheduledEvent = 7;
        private const int LongRunning = (int)TaskCreationOptions.LongRunning;

        private readonly ConcurrentBag<int> _threads = [];

        public IReadOnlyCollection<int> Threads => _threads;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "System.Threading.Tasks.TplEventSource")
            {
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x1 | (EventKeywords)0x2);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventId == TaskScheduledEvent && eventData.Payload is { } payload && eventData.PayloadNames is { } names)
            {
                var options = names.IndexOf("TaskCreationOptions");
                if (options >= 0 && payload[options] is int flags && (flags & LongRunning) != 0)
                {
                    _threads.Add(Environment.CurrentManagedThreadId);
                }
            }
        }
    }
}
