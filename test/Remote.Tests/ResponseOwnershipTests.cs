using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Only remote knows who owns a command's memory: a request handed to an invoke is remote's, a response is lent to
/// the reader until it returns. Test runs poison every frame remote takes back (0xCC, Directory.Build.targets), so
/// memory read after its release shows up as poison instead of as the next frame's bytes.
/// Runs alone: the frame pool is process-wide, and a frame another test re-rented between the return and the check
/// would hold that test's bytes instead of the poison.
/// </summary>
[Collection(nameof(SerialCollection))]
public class ResponseOwnershipTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void Test_runs_poison_every_frame_remote_takes_back()
    {
        FrameBuffers.PoisonsReturnedFrames.Should().BeTrue("otherwise a reader that escapes its response goes unnoticed here");
        var frame = FrameBuffers.Rent(100);
        frame.AsSpan().Fill(1);

        FrameBuffers.Return(frame);

        frame.Should().OnlyContain(b => b == FrameBuffers.PoisonByte);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_response_goes_back_to_the_pool_once_its_reader_returned(bool dedicatedReaders)
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { DedicatedReaders = dedicatedReaders });
        var body = Enumerable.Repeat((byte)'A', 1000).ToArray();
        RemotingCommand? lent = null;

        // A reader that breaks the rule: it keeps the command and its body memory.
        var (escaped, sawBody) = await client.InvokeAsync(server.Address, TestServer.Request(TestServer.Echo, "lent", body), TimeSpan.FromSeconds(5), (response, _) =>
        {
            lent = response;
            return (response.Body, response.Body.Span.SequenceEqual(body));
        }, 0).AsTask().WaitAsync(Bound);

        sawBody.Should().BeTrue("while the reader runs the response is whole");
        escaped.ToArray().Should().OnlyContain(b => b == FrameBuffers.PoisonByte, "remote took the frame back when the reader returned");
        lent!.Body.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public async Task A_reader_that_throws_fails_the_invoke_and_the_frame_still_goes_back()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();
        var escaped = ReadOnlyMemory<byte>.Empty;

        var act = () => client.InvokeAsync<int, int>(server.Address, TestServer.Request(TestServer.Echo, "throws", new byte[500]), TimeSpan.FromSeconds(5), (response, _) =>
        {
            escaped = response.Body;
            throw new InvalidOperationException("reader failed");
        }, 0).AsTask().WaitAsync(Bound);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("reader failed");
        escaped.Length.Should().Be(500);
        escaped.ToArray().Should().OnlyContain(b => b == FrameBuffers.PoisonByte);
    }

    [Fact]
    public async Task An_answered_request_gives_its_pooled_fields_back_to_remote()
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient();
        var fields = PackedExtFields.Rent();
        fields.Add("tag", "packed");
        var request = RemotingCommand.CreatePackedRequest(TestServer.Echo, fields, default);

        var tag = await client.InvokeAsync(server.Address, request, TimeSpan.FromSeconds(5), static (response, _) => response.GetExtField("tag"), 0).AsTask().WaitAsync(Bound);

        tag.Should().Be("packed", "the fields were written before they went back");
        request.PackedFields.Should().BeNull("remote owns the request and recycled it once answered");
    }

    [Fact]
    public async Task A_request_that_was_never_written_is_left_to_the_collector()
    {
        // Recycling a request the writer may still hold would corrupt the next request built from the pool.
        await using var client = new RemotingClient(new RemotingClientOptions { ConnectionTimeout = TimeSpan.FromSeconds(2) });
        var fields = PackedExtFields.Rent();
        fields.Add("tag", "unsent");
        var request = RemotingCommand.CreatePackedRequest(TestServer.Echo, fields, default);

        var act = () => client.InvokeAsync($"127.0.0.1:{RemotingClientTests.FreePort()}", request, TimeSpan.FromSeconds(5), static (_, _) => 0, 0).AsTask().WaitAsync(Bound);

        await act.Should().ThrowAsync<RemotingConnectException>();
        request.PackedFields.Should().BeSameAs(fields);
        request.GetExtField("tag").Should().Be("unsent");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Concurrent_readers_each_see_their_own_body_while_frames_are_recycled_under_them(bool dedicatedReaders)
    {
        await using var server = TestServer.Start();
        await using var client = new RemotingClient(new RemotingClientOptions { DedicatedReaders = dedicatedReaders });
        var wrong = 0;

        async Task Worker(int worker)
        {
            for (var i = 0; i < 100; i++)
            {
                var value = (byte)((worker * 31) + i);
                var size = 200 + (i * 97 % 5000);
                var request = TestServer.Request(TestServer.Echo, $"{worker}-{i}", Enumerable.Repeat(value, size).ToArray());
                var ok = await client.InvokeAsync(server.Address, request, TimeSpan.FromSeconds(10), static (response, s) =>
                    response.GetExtField("tag") == s.Tag && response.Body.Length == s.Size && !response.Body.Span.ContainsAnyExcept(s.Value),
                    (Tag: $"{worker}-{i}", Size: size, Value: value));
                if (!ok)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() => Worker(w)))).WaitAsync(TimeSpan.FromSeconds(60));

        wrong.Should().Be(0);
        client.PendingRequestCount.Should().Be(0);
    }
}
