using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class MalformedInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public static TheoryData<string, byte[], string> Cases() => new()
    {
        { "negative length", Frame(-5), "below the minimum" },
        { "huge length", Frame(int.MaxValue), "exceeds the limit" },
        { "header longer than frame", Frame(12, 0x00_00_00_40, Encoding.UTF8.GetBytes("{\"code\":1}")), "header length 64" },
        { "unknown serialize type", JsonFrame("{\"code\":1,\"flag\":0,\"opaque\":1}", serializeType: 7), "unknown serialize type 7" },
        { "broken JSON", JsonFrame("{\"code\":1,\"flag\":"), "malformed JSON header" },
        { "invalid UTF-8", JsonFrame("{\"code\":1000,\"flag\":0,\"opaque\":9,\"remark\":\"\xC3\x28\"}"), "malformed JSON header" },
        { "binary header with invalid UTF-8", BinaryFrameWithBadRemark(), "not valid UTF-8" },
        { "binary header truncated", BinaryFrame(new byte[5]), "shorter than its fixed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_input_closes_only_that_connection_with_a_logged_error(string name, byte[] bytes, string expected)
    {
        var logs = new RecordingLoggerFactory();
        var closed = new TaskCompletionSource<RemotingChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(
            new RemotingServerOptions { LoggerFactory = logs, MaxFrameLength = 1024 * 1024 },
            s => s.ChannelClosed += c => closed.TrySetResult(c));
        await using var healthy = new RemotingClient();
        (await healthy.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "before"), TimeSpan.FromSeconds(5)).WaitAsync(Bound))
            .GetExtField("tag").Should().Be("before");

        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(server.LocalEndPoint).WaitAsync(Bound);
        await raw.SendAsync(bytes).WaitAsync(Bound);

        var read = await raw.ReceiveAsync(new byte[64].AsMemory()).AsTask().WaitAsync(Bound);
        read.Should().Be(0, $"the server closes the connection that sent {name}");
        var error = await logs.WaitFor(e => e.Level == LogLevel.Error && e.Message.Contains("malformed input")).WaitAsync(Bound);
        error.Message.Should().Contain(expected);
        error.Exception.Should().BeOfType<RemotingProtocolException>();

        (await healthy.InvokeSync(server.Address, TestServer.Request(TestServer.Echo, "after"), TimeSpan.FromSeconds(5)).WaitAsync(Bound))
            .GetExtField("tag").Should().Be("after", "other connections keep working");
        (await closed.Task.WaitAsync(Bound)).IsActive.Should().BeFalse();
        server.OpenChannelCount.Should().Be(1, "only the healthy client's connection is left");
    }

    [Fact]
    public async Task A_server_sending_garbage_fails_the_clients_pending_request_and_logs_an_error()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var logs = new RecordingLoggerFactory();
        await using var client = new RemotingClient(new RemotingClientOptions { LoggerFactory = logs });

        var pending = client.InvokeSync(listener.LocalEndPoint!.ToString()!, TestServer.Request(TestServer.Echo), TimeSpan.FromSeconds(30));
        using var accepted = await listener.AcceptAsync().WaitAsync(Bound);
        await accepted.SendAsync(JsonFrame("{\"code\":0,\"flag\":1,\"opaque\":")).WaitAsync(Bound);

        await FluentActions.Awaiting(() => pending.WaitAsync(Bound)).Should().ThrowAsync<RemotingConnectException>();
        (await logs.WaitFor(e => e.Level == LogLevel.Error).WaitAsync(Bound)).Message.Should().Contain("malformed JSON header");
        client.PendingRequestCount.Should().Be(0);
        client.ConnectionCount.Should().Be(0);
    }

    [Fact]
    public async Task A_frame_split_across_many_tiny_writes_is_reassembled()
    {
        await using var server = TestServer.Start();
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        raw.NoDelay = true;
        await raw.ConnectAsync(server.LocalEndPoint).WaitAsync(Bound);
        var request = TestServer.Request(TestServer.Echo, "split", Encoding.UTF8.GetBytes("payload"));
        var bytes = RemotingCommandCodec.EncodeToArray(request);

        foreach (var b in bytes)
        {
            await raw.SendAsync(new[] { b }).WaitAsync(Bound);
        }

        var response = await ReadFrame(raw).WaitAsync(Bound);
        response.Opaque.Should().Be(request.Opaque);
        response.GetExtField("tag").Should().Be("split");
        Encoding.UTF8.GetString(response.Body.Span).Should().Be("payload");
    }

    private static async Task<RemotingCommand> ReadFrame(Socket socket)
    {
        var prefix = new byte[4];
        await ReadExactly(socket, prefix);
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
        await ReadExactly(socket, frame);
        return RemotingCommandCodec.Decode(frame.AsSpan());
    }

    private static async Task ReadExactly(Socket socket, byte[] buffer)
    {
        var at = 0;
        while (at < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(at));
            if (n == 0)
            {
                throw new EndOfStreamException();
            }

            at += n;
        }
    }

    private static byte[] Frame(int length, int? mark = null, byte[]? rest = null)
    {
        var bytes = new byte[4 + (mark is null ? 0 : 4) + (rest?.Length ?? 0)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        if (mark is { } m)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), m);
        }

        rest?.CopyTo(bytes, 8);
        return bytes;
    }

    private static byte[] JsonFrame(string header, byte serializeType = 0)
    {
        // Latin-1 maps each char to one byte, so "\xC3\x28" stays the invalid UTF-8 sequence it spells.
        var headerBytes = Encoding.Latin1.GetBytes(header);
        return Frame(4 + headerBytes.Length, (serializeType << 24) | headerBytes.Length, headerBytes);
    }

    private static byte[] BinaryFrame(byte[] header) => Frame(4 + header.Length, (1 << 24) | header.Length, header);

    private static byte[] BinaryFrameWithBadRemark()
    {
        var header = new byte[2 + 1 + 2 + 4 + 4 + 4 + 2 + 4];
        BinaryPrimitives.WriteInt16BigEndian(header, 1000);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(13), 2);
        header[17] = 0xFF;
        header[18] = 0xFE;
        return BinaryFrame(header);
    }
}
