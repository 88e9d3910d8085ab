using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public sealed class ClientLoopTests
{
    private static readonly TimeSpan Bound = TestOptions.Bound;

    [Fact]
    public async Task Trigger_runs_the_body_at_once_and_cancel_stops_the_loop()
    {
        var runs = Channel.CreateUnbounded<int>();
        var count = 0;
        var loop = new ClientLoop("test", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), _ =>
        {
            runs.Writer.TryWrite(Interlocked.Increment(ref count));
            return Task.CompletedTask;
        }, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        loop.Start(stop.Token);

        loop.Trigger();
        (await runs.Reader.ReadAsync().AsTask().WaitAsync(Bound)).Should().Be(1, "the trigger cut the 10 minute first delay short");
        loop.Trigger();
        (await runs.Reader.ReadAsync().AsTask().WaitAsync(Bound)).Should().Be(2);

        var watch = Stopwatch.StartNew();
        stop.Cancel();
        await loop.Completion.WaitAsync(Bound);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        loop.Completion.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task A_body_blocked_on_the_token_ends_with_the_loop()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = new ClientLoop("blocked", TimeSpan.Zero, TimeSpan.FromMinutes(1), async ct =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        loop.Start(stop.Token);
        await entered.Task.WaitAsync(Bound);

        stop.Cancel();

        await loop.Completion.WaitAsync(Bound);
        loop.Runs.Should().Be(1);
    }

    [Fact]
    public async Task Reply_future_times_out_through_the_sweep_and_calls_back_once()
    {
        using var map = new RequestResponseFutureMap();
        var outcomes = Channel.CreateUnbounded<(Message? Msg, Exception? Error)>();
        var future = new RequestResponseFuture("c1", TimeSpan.FromMilliseconds(50), (m, e) => outcomes.Writer.TryWrite((m, e)));
        map.SetRequestResponseFuture(future);

        var (msg, error) = await outcomes.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        msg.Should().BeNull();
        error.Should().BeOfType<MQClientException>().Which.Code.Should().Be(ClientErrors.ErrRequestTimeout);
        map.Count.Should().Be(0);
        map.SetResponseToRequestResponseFuture("c1", new Message("T", [])).Should().BeFalse("a late reply matches nothing");
        future.PutResponseMessage(new Message("T", [])).Should().BeFalse();
        outcomes.Reader.TryRead(out _).Should().BeFalse("the callback runs once");
    }

    [Fact]
    public async Task Waiting_for_a_reply_times_out_with_the_request_topic()
    {
        var future = new RequestResponseFuture("c2", TimeSpan.FromMilliseconds(20));
        var act = () => future.WaitResponseMessage(new Message("Orders", []));
        (await act.Should().ThrowAsync<MQClientException>()).Which.Message.Should().Contain("Orders");
    }

    [Fact]
    public async Task Disposing_the_map_fails_waiting_requests()
    {
        var map = new RequestResponseFutureMap();
        var future = new RequestResponseFuture("c3", TimeSpan.FromMinutes(1));
        map.SetRequestResponseFuture(future);

        map.Dispose();

        await FluentActions.Awaiting(() => future.Task.WaitAsync(Bound)).Should().ThrowAsync<MQClientException>()
            .Where(e => e.Code == ClientErrors.ErrService);
        FluentActions.Invoking(() => map.SetRequestResponseFuture(new RequestResponseFuture("c4", TimeSpan.FromSeconds(1))))
            .Should().Throw<MQClientException>();
    }

    [Fact]
    public void Atomic_write_keeps_the_previous_content_as_backup()
    {
        var dir = Path.Combine(Path.GetTempPath(), "rmq-files-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(dir, "sub", "offsets.json");
            FileUtils.WriteToFile(path, "v1"u8);
            FileUtils.WriteToFile(path, "v2"u8);

            File.ReadAllText(path).Should().Be("v2");
            File.ReadAllText(path + ".bak").Should().Be("v1");
            File.Exists(path + ".tmp").Should().BeFalse();
            File.Delete(path);
            FileUtils.ReadWithBackup(path).Should().Equal("v1"u8.ToArray());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Client_id_follows_Go()
    {
        var options = new ClientOptions { ClientIP = "10.1.1.1" };
        options.InstanceName.Should().Be("DEFAULT");
        options.RetryTimes.Should().Be(3);
        options.ClientID().Should().Be($"10.1.1.1@{Environment.ProcessId}");
        options.UnitName = "u1";
        options.InstanceName = "inst";
        options.ClientID().Should().Be("10.1.1.1@inst@u1");
        var renamed = new ClientOptions();
        renamed.ChangeInstanceNameToPID();
        renamed.InstanceName.Should().StartWith($"{Environment.ProcessId}#");
        new ClientOptions().ClientIP.Should().Be(NetUtils.LocalIP);
    }
}
