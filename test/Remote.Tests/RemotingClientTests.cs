using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class RemotingClientTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task InvokeSync_gets_the_response_to_its_own_request()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();

        var response = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "a", Encoding.UTF8.GetBytes("body-a")), TimeSpan.FromSeconds(5)).WaitAsync(Bound);

        response.Code.Should().Be(ResponseCode.SUCCESS);
        response.IsResponse.Should().BeTrue();
        response.GetExtField("tag").Should().Be("a");
        Encoding.UTF8.GetString(response.Body.Span).Should().Be("body-a");
        client.PendingRequestCount.Should().Be(0);
        client.ConnectionCount.Should().Be(1);
    }

    [Fact]
    public async Task InvokeSync_with_binary_headers_round_trips()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { SerializeType = SerializeType.ROCKETMQ });

        var response = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "bin"), TimeSpan.FromSeconds(5)).WaitAsync(Bound);

        response.SerializeType.Should().Be(SerializeType.ROCKETMQ, "the echo answers in the request's serialize type");
        response.GetExtField("tag").Should().Be("bin");
    }

    [Fact]
    public async Task InvokeAsync_reads_the_response_once_and_returns_what_the_reader_made_of_it()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();
        var calls = 0;
        var request = TestServer.Request(TestServer.Echo, "async");
        var opaque = request.Opaque;

        var (tag, answeredOpaque) = await client.InvokeAsync(server.Address, request, TimeSpan.FromSeconds(5), (response, _) =>
        {
            Interlocked.Increment(ref calls);
            return (response.GetExtField("tag"), response.Opaque);
        }, 0).AsTask().WaitAsync(Bound);

        tag.Should().Be("async");
        answeredOpaque.Should().Be(opaque);
        calls.Should().Be(1);
        client.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task InvokeAsync_reports_a_connect_failure_without_calling_the_reader()
    {
        var deadPort = FreePort();
        await using var client = new RemotingClient(new RemotingClientOptions { ConnectionTimeout = TimeSpan.FromSeconds(2) });
        var calls = 0;

        var act = () => client.InvokeAsync($"127.0.0.1:{deadPort}", TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5),
            (_, _) => Interlocked.Increment(ref calls), 0).AsTask().WaitAsync(Bound);

        await act.Should().ThrowAsync<RemotingConnectException>();
        calls.Should().Be(0);
    }

    [Fact]
    public async Task InvokeOneWay_sets_the_oneway_flag_and_gets_no_response()
    {
        var received = new TaskCompletionSource<RemotingCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(configure: s => s.RegisterProcessor(TestServer.OneWay, (request, _) =>
        {
            received.TrySetResult(request);
            // A response to a oneway request must be swallowed by the server.
            return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS));
        }));
        await using var client = new RemotingClient();

        await client.InvokeOneWay(server.Address, TestServer.Request(TestServer.OneWay, "fire")).WaitAsync(Bound);

        var request = await received.Task.WaitAsync(Bound);
        request.IsOneWay.Should().BeTrue();
        request.GetExtField("tag").Should().Be("fire");
        // The connection still serves sync requests, and no stray response confused it.
        var echo = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "after"), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        echo.GetExtField("tag").Should().Be("after");
        client.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Ten_thousand_concurrent_requests_are_each_answered_with_their_own_response()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();
        const int count = 10_000;
        var tasks = new Task<RemotingCommand>[count];

        for (var i = 0; i < count; i++)
        {
            tasks[i] = client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, i.ToString()), TimeSpan.FromSeconds(30));
        }

        var responses = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < count; i++)
        {
            responses[i].GetExtField("tag").Should().Be(i.ToString());
        }

        client.ConnectionCount.Should().Be(1, "concurrent first calls share one connection");
        server.OpenChannelCount.Should().Be(1);
        client.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_timed_out_request_fails_and_leaves_the_response_table()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();
        await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound); // connected
        var stopwatch = Stopwatch.StartNew();

        var pending = Enumerable.Range(0, 100)
            .Select(_ => client.InvokeSync(server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromMilliseconds(200)))
            .ToArray();
        client.PendingRequestCount.Should().Be(100);

        foreach (var task in pending)
        {
            var act = () => task.WaitAsync(Bound);
            (await act.Should().ThrowAsync<RemotingTimeoutException>()).Which.Timeout.Should().Be(TimeSpan.FromMilliseconds(200));
        }

        stopwatch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(190));
        client.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_timed_out_async_request_fails_with_a_timeout_without_calling_the_reader()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();
        var calls = 0;

        var act = () => client.InvokeAsync(server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromMilliseconds(100),
            (_, _) => Interlocked.Increment(ref calls), 0).AsTask().WaitAsync(Bound);

        await act.Should().ThrowAsync<RemotingTimeoutException>();
        calls.Should().Be(0);
        client.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_cancelled_request_fails_and_leaves_the_response_table()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();
        using var cancel = new CancellationTokenSource();

        var pending = client.InvokeSync(server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromSeconds(30), cancel.Token);
        await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        client.PendingRequestCount.Should().Be(1);
        cancel.Cancel();

        var act = () => pending.WaitAsync(Bound);
        await act.Should().ThrowAsync<OperationCanceledException>();
        client.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_dropped_connection_fails_every_pending_request_at_once()
    {
        var opened = new TaskCompletionSource<RemotingChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(configure: s => s.ChannelOpened += c => opened.TrySetResult(c));
        await using var client = new RemotingClient();
        await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound); // warm up
        var channel = await opened.Task.WaitAsync(Bound);

        var pending = Enumerable.Range(0, 50)
            .Select(_ => client.InvokeSync(server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromSeconds(30)))
            .ToArray();
        var echo = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        echo.Code.Should().Be(ResponseCode.SUCCESS, "so every silent request has reached the server");
        client.PendingRequestCount.Should().Be(50);

        channel.Close();
        var all = Task.WhenAll(pending);

        // The requests' own timeouts are 30 s: failing well within that shows the close failed them, not their timers.
        await FluentActions.Awaiting(() => all.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<RemotingConnectException>();
        pending.Should().OnlyContain(t => t.Exception!.InnerException is RemotingConnectException);
        client.PendingRequestCount.Should().Be(0);

        // The next request opens a new connection.
        var again = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "again"), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        again.GetExtField("tag").Should().Be("again");
    }

    [Fact]
    public async Task CloseConnection_fails_pending_requests_and_the_next_request_reconnects()
    {
        var closed = 0;
        await using var server = TestServer.Start(configure: s => s.ChannelClosed += _ => Interlocked.Increment(ref closed));
        await using var client = new RemotingClient();
        await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        var pending = client.InvokeSync(server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromSeconds(30));

        client.CloseConnection(server.Address);

        await FluentActions.Awaiting(() => pending.WaitAsync(Bound)).Should().ThrowAsync<RemotingConnectException>();
        var response = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "x"), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        response.GetExtField("tag").Should().Be("x");
        client.ConnectionCount.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_connect_is_retried_by_the_next_request()
    {
        var port = FreePort();
        await using var client = new RemotingClient(new RemotingClientOptions { ConnectionTimeout = TimeSpan.FromSeconds(2) });
        var addr = $"127.0.0.1:{port}";

        var first = () => client.InvokeSync(addr, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        await first.Should().ThrowAsync<RemotingConnectException>();

        await using var server = new RemotingServer(new IPEndPoint(IPAddress.Loopback, port));
        server.RegisterProcessor(TestServer.Echo, (r, _) => ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(r, ResponseCode.SUCCESS)));
        server.Start();
        var response = await client.InvokeSync(addr, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        response.Code.Should().Be(ResponseCode.SUCCESS);
    }

    [Fact]
    public async Task Server_initiated_requests_are_answered_by_the_registered_client_processor()
    {
        var opened = new TaskCompletionSource<RemotingChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(configure: s => s.ChannelOpened += c => opened.TrySetResult(c));
        await using var client = new RemotingClient();
        string? seenAddress = null;
        client.RegisterRequestFunc(RequestCode.CHECK_TRANSACTION_STATE, (request, addr) =>
        {
            seenAddress = addr;
            var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS, "checked " + request.GetExtField("tranId"));
            return ValueTask.FromResult<RemotingCommand?>(response);
        });
        client.RegisterRequestFunc(RequestCode.GET_CONSUMER_RUNNING_INFO, async (request, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("consumer is gone");
        });
        await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        var channel = await opened.Task.WaitAsync(Bound);

        var check = RemotingCommand.CreateRequest(RequestCode.CHECK_TRANSACTION_STATE);
        check.SetExtField("tranId", "T1");
        var answer = await channel.InvokeSync(check, TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        answer.Code.Should().Be(ResponseCode.SUCCESS);
        answer.Remark.Should().Be("checked T1");
        answer.Opaque.Should().Be(check.Opaque);
        seenAddress.Should().Be(server.Address);

        var failing = await channel.InvokeSync(RemotingCommand.CreateRequest(RequestCode.GET_CONSUMER_RUNNING_INFO), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        failing.Code.Should().Be(ResponseCode.SYSTEM_ERROR);
        failing.Remark.Should().Be("consumer is gone");

        var unknown = await channel.InvokeSync(RemotingCommand.CreateRequest(RequestCode.CONSUME_MESSAGE_DIRECTLY), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        unknown.Code.Should().Be(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        unknown.Remark.Should().Contain("309");
        channel.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Rpc_hooks_see_the_request_before_it_is_sent_and_the_response_after()
    {
        await using var server = TestServer.Start();
        var hook = new RecordingHook();
        var options = new RemotingClientOptions();
        options.RpcHooks.Add(hook);
        await using var client = new RemotingClient(options);

        var response = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);

        response.GetExtField("hooked").Should().Be("yes", "the field the hook added travelled with the request");
        hook.After.Should().ContainSingle().Which.Should().BeSameAs(response);
    }

    [Fact]
    public async Task Shutdown_fails_pending_requests_and_refuses_new_ones()
    {
        await using var server = TestServer.Start();
        var client = new RemotingClient();
        await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        var pending = client.InvokeSync(server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromSeconds(30));

        await client.ShutdownAsync().WaitAsync(Bound);

        await FluentActions.Awaiting(() => pending.WaitAsync(Bound)).Should().ThrowAsync<RemotingConnectException>();
        await FluentActions.Awaiting(() => client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)))
            .Should().ThrowAsync<RemotingConnectException>();
        client.ConnectionCount.Should().Be(0);
        client.PendingRequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_oneway_request_queued_just_before_shutdown_still_reaches_the_server()
    {
        var received = new TaskCompletionSource<RemotingCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(configure: s => s.RegisterProcessor(RequestCode.UPDATE_CONSUMER_OFFSET, (r, _) =>
        {
            received.TrySetResult(r);
            return ValueTask.FromResult<RemotingCommand?>(null);
        }));
        var client = new RemotingClient();
        await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        var update = RemotingCommand.CreateRequest(RequestCode.UPDATE_CONSUMER_OFFSET);
        update.SetExtField("commitOffset", "42");

        var queued = client.InvokeOneWay(server.Address, update);
        var shutdown = client.ShutdownAsync();

        await queued.WaitAsync(Bound);
        await shutdown.WaitAsync(Bound);
        (await received.Task.WaitAsync(Bound)).GetExtField("commitOffset").Should().Be("42", "shutdown flushes queued writes before closing (Go drops them)");
    }

    [Fact]
    public async Task An_oversized_request_fails_alone_and_the_connection_keeps_serving()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { MaxFrameLength = 64 * 1024 });
        var silent = client.InvokeSync(server.Address, TestServer.Request(TestServer.Silent), TimeSpan.FromSeconds(30));

        var oversized = () => client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, body: new byte[65 * 1024]), TimeSpan.FromSeconds(5)).WaitAsync(Bound);

        await oversized.Should().ThrowAsync<RemotingSendRequestException>();
        (await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "small"), TimeSpan.FromSeconds(5)).WaitAsync(Bound))
            .GetExtField("tag").Should().Be("small");
        silent.IsCompleted.Should().BeFalse("the other request on the connection was not failed");
    }

    [Fact]
    public async Task An_infinite_timeout_waits_for_the_response()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();

        var response = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "forever"), Timeout.InfiniteTimeSpan).WaitAsync(Bound);

        response.GetExtField("tag").Should().Be("forever");
    }

    [Fact]
    public async Task A_long_polling_processor_answers_later_without_blocking_the_connection()
    {
        var held = new TaskCompletionSource<(RemotingCommand Request, RemotingChannel Channel)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(configure: s => s.RegisterProcessor(RequestCode.PULL_MESSAGE, (request, channel) =>
        {
            held.TrySetResult((request, channel));
            return ValueTask.FromResult<RemotingCommand?>(null);
        }));
        await using var client = new RemotingClient();

        var pull = client.InvokeSync(server.Address, RemotingCommand.CreateRequest(RequestCode.PULL_MESSAGE), TimeSpan.FromSeconds(10));
        var (request, channel) = await held.Task.WaitAsync(Bound);
        var echo = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "meanwhile"), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        echo.GetExtField("tag").Should().Be("meanwhile");
        pull.IsCompleted.Should().BeFalse();

        await channel.SendResponse(RemotingCommand.CreateResponse(request, ResponseCode.PULL_NOT_FOUND)).WaitAsync(Bound);

        (await pull.WaitAsync(Bound)).Code.Should().Be(ResponseCode.PULL_NOT_FOUND);
    }

    [Fact]
    public async Task The_server_answers_an_unknown_code_and_a_throwing_processor_with_error_codes()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();

        var unknown = await client.InvokeSync(server.Address, TestServer.Request(4242), TimeSpan.FromSeconds(5)).WaitAsync(Bound);
        var thrown = await client.InvokeSync(server.Address, TestServer.Request(TestServer.Throws), TimeSpan.FromSeconds(5)).WaitAsync(Bound);

        unknown.Code.Should().Be(ResponseCode.REQUEST_CODE_NOT_SUPPORTED);
        unknown.Remark.Should().Contain("4242");
        thrown.Code.Should().Be(ResponseCode.SYSTEM_ERROR);
        thrown.Remark.Should().Be("processor exploded");
    }

    [Fact]
    public async Task The_default_processor_handles_codes_without_their_own()
    {
        await using var server = TestServer.Start(configure: s => s.RegisterDefaultProcessor((r, _) =>
            ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(r, ResponseCode.SUCCESS, "default " + r.Code))));
        await using var client = new RemotingClient();

        var response = await client.InvokeSync(server.Address, TestServer.Request(4243), TimeSpan.FromSeconds(5)).WaitAsync(Bound);

        response.Remark.Should().Be("default 4243");
    }

    [Fact]
    public async Task StopAccepting_refuses_new_connections_but_keeps_open_ones()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { ConnectionTimeout = TimeSpan.FromSeconds(2) });
        await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound);

        server.StopAccepting();

        (await client.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "still"), TimeSpan.FromSeconds(5)).WaitAsync(Bound))
            .GetExtField("tag").Should().Be("still");
        await using var other = new RemotingClient(new RemotingClientOptions { ConnectionTimeout = TimeSpan.FromSeconds(2) });
        await FluentActions.Awaiting(() => other.InvokeSync(server.Address, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(5)).WaitAsync(Bound))
            .Should().ThrowAsync<RemotingConnectException>();
    }

    internal static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private sealed class RecordingHook : IRpcHook
    {
        public List<RemotingCommand> After { get; } = new();

        public void DoBeforeRequest(string addr, RemotingCommand request) => request.SetExtField("hooked", "yes");

        public void DoAfterResponse(string addr, RemotingCommand request, RemotingCommand response)
        {
            lock (After)
            {
                After.Add(response);
            }
        }
    }
}
