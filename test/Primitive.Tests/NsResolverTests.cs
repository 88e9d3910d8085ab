using System.Net;

namespace RocketMQ.Go.Port.Tests;

public sealed class NsResolverTests : IDisposable
{
    private readonly string _snapshots = Path.Combine(Path.GetTempPath(), "rmq-ns-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_snapshots))
        {
            Directory.Delete(_snapshots, recursive: true);
        }
    }

    [Fact]
    public async Task Static_resolver_splits_on_semicolons()
    {
        (await new StaticResolver("a:1;b:2").ResolveAsync()).Should().Equal("a:1", "b:2");
        (await new StaticResolver("a:1", "b:2").ResolveAsync()).Should().Equal("a:1", "b:2");
    }

    [Fact]
    public async Task Passthrough_returns_the_given_addresses()
    {
        (await new PassthroughResolver(["x:1"]).ResolveAsync()).Should().Equal("x:1");
        new PassthroughResolver(["x:1"]).Description.Should().Contain("x:1");
    }

    [Fact]
    public async Task Http_resolver_fetches_saves_a_snapshot_and_falls_back_to_it()
    {
        var handler = new FakeHandler(HttpStatusCode.OK, " 10.0.0.1:9876;10.0.0.2:9876\n");
        var resolver = new HttpResolver("inst", "http://127.0.0.1:1/nsaddr", new HttpClient(handler), _snapshots);

        (await resolver.ResolveAsync()).Should().Equal("10.0.0.1:9876", "10.0.0.2:9876");
        handler.Requests.Should().Equal("http://127.0.0.1:1/nsaddr");
        File.ReadAllText(resolver.SnapshotFilePath).Should().Be("10.0.0.1:9876;10.0.0.2:9876");

        handler.Status = HttpStatusCode.InternalServerError;
        (await resolver.ResolveAsync()).Should().Equal(["10.0.0.1:9876", "10.0.0.2:9876"], "the snapshot answers when the service fails");

        handler.Throw = true;
        (await resolver.ResolveAsync()).Should().Equal("10.0.0.1:9876", "10.0.0.2:9876");
    }

    [Fact]
    public async Task Http_resolver_with_a_real_listener_on_loopback()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            using var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = 0;
            while (!System.Text.Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n"))
            {
                read += await stream.ReadAsync(buffer.AsMemory(read));
            }

            var body = "127.0.0.1:9876"u8.ToArray();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
            await stream.WriteAsync(body);
        });

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var resolver = new HttpResolver("inst", $"http://127.0.0.1:{port}/rocketmq/nsaddr", http, _snapshots);
        (await resolver.ResolveAsync().WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal("127.0.0.1:9876");
        await serve.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Http_resolver_without_service_or_snapshot_returns_the_env_fallback()
    {
        var handler = new FakeHandler(HttpStatusCode.NotFound, "");
        var resolver = new HttpResolver("inst", "http://127.0.0.1:1/none", new HttpClient(handler), _snapshots);
        var expected = (Environment.GetEnvironmentVariable("NAMESRV_ADDR") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        (await resolver.ResolveAsync()).Should().Equal(expected);
    }

    [Theory]
    [InlineData("http://h/nsaddr", "http://h/nsaddr-unit1?nofix=1")]
    [InlineData("http://h/nsaddr?x=1", "http://h/nsaddr-unit1?nofix=1&x=1")]
    [InlineData("http://h/nsaddr?nofix=1", "http://h/nsaddr?nofix=1")]
    public void Domain_with_unit_follows_go(string domain, string expected)
    {
        var resolver = new HttpResolver("i", domain, snapshotDirectory: _snapshots);
        resolver.DomainWithUnit("unit1");
        resolver.DomainWithUnit("unit2");
        resolver.Domain.Should().Be(expected);
    }

    [Fact]
    public void Default_domain_is_gos()
        => new HttpResolver("i").Domain.Should().Be("http://jmenv.tbsite.net:8080/rocketmq/nsaddr");

    private sealed class FakeHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public HttpStatusCode Status { get; set; } = status;

        public bool Throw { get; set; }

        public List<string> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!.ToString());
            if (Throw)
            {
                throw new HttpRequestException("connection refused");
            }

            return Task.FromResult(new HttpResponseMessage(Status) { Content = new StringContent(body) });
        }
    }
}
