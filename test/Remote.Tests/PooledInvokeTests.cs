using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// InvokeAsync (the reader form): pooled futures, and readers that run on the thread which read their response. The
/// test run poisons every frame remote takes back (Directory.Build.targets), so a reader that kept its response past
/// its return would read 0xCC bytes here instead of its tag.
/// </summary>
public class PooledInvokeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>The echoed tag, read while remote lends the response.</summary>
    private static ValueTask<string?> Tag(RemotingClient client, string addr, RemotingCommand request, TimeSpan timeout, CancellationToken ct = default)
        => client.InvokeAsync(addr, request, timeout, static (response, _) => response.GetExtField("tag"), 0, ct);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_continuation_that_blocks_on_another_request_to_the_same_connection_does_not_stall_it(bool dedicatedReaders)
    {
        // Dedicated reader: the wheel hands the connection to a new reader; pool reader: the read was re-armed first.
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { DedicatedReaders = dedicatedReaders });
        await Tag(client, server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)); // connected

        var run = Task.Run(async () =>
        {
            var tags = new List<string?>();
            for (var i = 0; i < 50; i++)
            {
                var first = await Tag(client, server.Address, TestServer.Request(TestServer.Echo, $"first-{i}"), TimeSpan.FromSeconds(5));

                // Usually running on the thread that read 'first': blocking here must not keep 'second' from being read.
                var second = Tag(client, server.Address, TestServer.Request(TestServer.Echo, $"second-{i}"), TimeSpan.FromSeconds(5))
                    .AsTask().GetAwaiter().GetResult();
                tags.Add(first);
                tags.Add(second);
            }

            return tags;
        });

        var tags = await run.WaitAsync(Bound);
        tags.Should().Equal(Enumerable.Range(0, 50).SelectMany(i => new[] { $"first-{i}", $"second-{i}" }));
        client.PendingRequestCount.Should().Be(0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Continuations_that_block_on_another_request_while_others_are_in_flight_all_get_their_answers(bool dedicatedReaders)
    {
        // Several loops at once: a dedicated reader continues each response's awaiter itself even with other
        // requests in flight, so a blocked awaiter holds it until the wheel hands the connection to a new reader,
        // which must also send what the blocked awaiter queued.
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { DedicatedReaders = dedicatedReaders });
        await Tag(client, server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)); // connected

        const int loops = 6, rounds = 15;
        var runs = Enumerable.Range(0, loops).Select(loop => Task.Run(async () =>
        {
            var tags = new List<string?>();
            for (var i = 0; i < rounds; i++)
            {
                var first = await Tag(client, server.Address, TestServer.Request(TestServer.Echo, $"first-{loop}-{i}"), TimeSpan.FromSeconds(10));
                var second = Tag(client, server.Address, TestServer.Request(TestServer.Echo, $"second-{loop}-{i}"), TimeSpan.FromSeconds(10))
                    .AsTask().GetAwaiter().GetResult();
                tags.Add(first);
                tags.Add(second);
            }

            return tags;
        })).ToArray();

        var all = await Task.WhenAll(runs).WaitAsync(Bound);
        for (var loop = 0; loop < loops; loop++)
        {
            all[loop].Should().Equal(Enumerable.Range(0, rounds).SelectMany(i => new[] { $"first-{loop}-{i}", $"second-{loop}-{i}" }));
        }

        client.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_request_queued_by_an_awaiter_that_outlived_its_readers_hand_off_still_goes_out()
    {
        await using var server = TestServer.Start();
        var options = new RemotingClientOptions { DedicatedReaders = true, ReaderHandOff = TimeSpan.FromMilliseconds(20) };
        await using var client = new RemotingClient(options);
        await Tag(client, server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)); // connected

        // Another request stays in flight, so what the awaiter sends is left for the reader to flush after its read.
        var unanswered = Tag(client, server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromSeconds(30)).AsTask();
        var seconds = await Task.Run(async () =>
        {
            var tags = new List<string?>();
            for (var i = 0; i < 3; i++)
            {
                await Tag(client, server.Address, TestServer.Request(TestServer.Echo, $"first-{i}"), TimeSpan.FromSeconds(10));

                // Usually on the reader that read 'first': hold it well past the hand-off (the behaviour under test,
                // not a wait for an event), so a new reader is already waiting for bytes when 'second' is queued.
                Thread.Sleep(options.ReaderHandOff * 10);
                tags.Add(await Tag(client, server.Address, TestServer.Request(TestServer.Echo, $"second-{i}"), TimeSpan.FromSeconds(5)));
            }

            return tags;
        }).WaitAsync(Bound);

        seconds.Should().Equal("second-0", "second-1", "second-2");
        unanswered.IsCompleted.Should().BeFalse();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reused_futures_never_hand_one_request_the_outcome_of_another(bool dedicatedReaders)
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { DedicatedReaders = dedicatedReaders });
        await Tag(client, server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5));
        var wrong = 0;
        var answered = 0;
        var timedOut = 0;
        var cancelled = 0;

        async Task Worker(int worker)
        {
            for (var i = 0; i < 150; i++)
            {
                var tag = $"{worker}-{i}";
                var echo = await Tag(client, server.Address, TestServer.Request(TestServer.Echo, tag), TimeSpan.FromSeconds(10));
                if (echo != tag)
                {
                    Interlocked.Increment(ref wrong);
                }

                Interlocked.Increment(ref answered);
                try
                {
                    await Tag(client, server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromMilliseconds(1 + (i % 3)));
                    Interlocked.Increment(ref wrong); // a silent request was answered: someone else's response
                }
                catch (RemotingTimeoutException)
                {
                    Interlocked.Increment(ref timedOut);
                }

                // Cancelled while its response may be arriving: either its own answer or a cancellation, nothing else.
                using var cancel = new CancellationTokenSource();
                var racing = Tag(client, server.Address, TestServer.Request(TestServer.Echo, "race-" + tag), TimeSpan.FromSeconds(10), cancel.Token);
                cancel.Cancel();
                try
                {
                    var response = await racing;
                    if (response != "race-" + tag)
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref cancelled);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() => Worker(w)))).WaitAsync(TimeSpan.FromSeconds(60));

        wrong.Should().Be(0);
        answered.Should().Be(8 * 150);
        timedOut.Should().Be(8 * 150);
        cancelled.Should().BeGreaterThan(0, "most racing requests are cancelled before their answer is read");
        client.PendingRequestCount.Should().Be(0);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_dropped_connection_fails_pooled_requests_at_once_and_the_next_one_reconnects(bool dedicatedReaders)
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { DedicatedReaders = dedicatedReaders });
        await Tag(client, server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5));

        var pending = Enumerable.Range(0, 20)
            .Select(_ => Tag(client, server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromSeconds(30)).AsTask())
            .ToArray();
        client.CloseConnection(server.Address);

        foreach (var task in pending)
        {
            var act = () => task.WaitAsync(TimeSpan.FromSeconds(5));
            await act.Should().ThrowAsync<RemotingConnectException>();
        }

        var again = await Tag(client, server.Address, TestServer.Request(TestServer.Echo, "again"), TimeSpan.FromSeconds(5)).AsTask().WaitAsync(Bound);
        again.Should().Be("again");
        client.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_dedicated_reader_keeps_its_socket_blocking_through_traffic()
    {
        // The kernel wakes a reader blocked in recv() directly; one asynchronous call would switch .NET's socket to
        // epoll-driven emulation for good and bring back the thread-pool hops.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var server = TestServer.Start();
        await using var client = new RemotingClient();
        for (var i = 0; i < 20; i++)
        {
            await Tag(client, server.Address, TestServer.Request(TestServer.Echo, "x", new byte[70_000]), TimeSpan.FromSeconds(5));
            await client.InvokeOneWay(server.Address, TestServer.Request(TestServer.OneWay));
        }

        var connection = client.LiveConnections.Should().ContainSingle().Subject;
        var fd = (int)connection.Socket.SafeHandle.DangerousGetHandle();
        var flags = File.ReadAllLines($"/proc/self/fdinfo/{fd}").Single(l => l.StartsWith("flags:", StringComparison.Ordinal));
        var value = Convert.ToInt32(flags["flags:".Length..].Trim(), 8);
        (value & 0x800).Should().Be(0, "O_NONBLOCK must stay clear ({0})", flags);
    }

    [Fact]
    public async Task A_server_request_is_answered_while_an_awaiter_holds_the_dedicated_reader()
    {
        RemotingChannel? channel = null;
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(configure: s => s.ChannelOpened += c =>
        {
            channel = c;
            connected.TrySetResult();
        });
        await using var client = new RemotingClient(new RemotingClientOptions { ReaderHandOff = TimeSpan.FromMilliseconds(30) });
        client.RegisterRequestFunc(4242, (request, _) =>
            ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS, "pong")));
        await Tag(client, server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5));
        await connected.Task.WaitAsync(Bound);
        // The awaiter continues on the reader only when it awaited before the response came; try until it did.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var release = new ManualResetEventSlim();
            var holding = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var holder = Task.Run(async () =>
            {
                await Tag(client, server.Address, TestServer.Request(TestServer.Echo, "hold"), TimeSpan.FromSeconds(5));
                var name = Thread.CurrentThread.Name;
                holding.TrySetResult(name);
                if (name == "rocketmq-read")
                {
                    release.Wait(TimeSpan.FromSeconds(10)); // holds the thread that read the response
                }
            });
            if (await holding.Task.WaitAsync(Bound) != "rocketmq-read")
            {
                await holder.WaitAsync(Bound);
                continue;
            }

            var pong = await channel!.InvokeSync(RemotingCommand.CreateRequest(4242), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
            release.Set();
            await holder.WaitAsync(Bound);
            pong.Remark.Should().Be("pong");
            return;
        }

        Assert.Fail("no awaiter continued on the dedicated reader in 50 attempts");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_oneway_request_that_cannot_be_queued_in_time_fails_with_a_timeout(bool dedicatedReaders)
    {
        // A peer that accepts and never reads: socket buffers fill, then the one-slot queue.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var address = $"127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
            var accepting = listener.AcceptSocketAsync();
            await using var client = new RemotingClient(new RemotingClientOptions { WriteQueueCapacity = 1, DedicatedReaders = dedicatedReaders });
            var body = new byte[1 << 20];
            Exception? failure = null;
            for (var i = 0; i < 200 && failure is null; i++)
            {
                try
                {
                    await client.InvokeOneWay(address, TestServer.Request(TestServer.OneWay, body: body), TimeSpan.FromMilliseconds(200)).WaitAsync(Bound);
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }

            failure.Should().BeOfType<RemotingTimeoutException>().Which.Timeout.Should().Be(TimeSpan.FromMilliseconds(200));
            using var peer = await accepting.WaitAsync(Bound);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connect_that_gets_no_answer_fails_within_the_connection_timeout(bool dedicatedReaders)
    {
        // A listener whose accept queue is full drops further SYNs: the connect hangs until the client gives up.
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        listener.Listen(1);
        var endPoint = (System.Net.IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<System.Net.Sockets.Socket>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var filler = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                fillers.Add(filler);
                _ = filler.ConnectAsync(endPoint); // the first few complete, the rest wait like the client below
            }

            await using var client = new RemotingClient(new RemotingClientOptions
            {
                ConnectionTimeout = TimeSpan.FromMilliseconds(300),
                DedicatedReaders = dedicatedReaders,
            });
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            var act = () => Tag(client, $"127.0.0.1:{endPoint.Port}", TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(10)).AsTask().WaitAsync(Bound);

            (await act.Should().ThrowAsync<RemotingConnectException>()).Which.Message.Should().Contain("300 ms");
            stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        }
        finally
        {
            foreach (var filler in fillers)
            {
                filler.Dispose();
            }
        }
    }
}
