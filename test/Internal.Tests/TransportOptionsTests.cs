using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// The transport of a producer, consumer or admin runs with every setting given through
/// <c>WithRemotingOptions</c>: the client's copy is complete, including settings added after this test was written.
/// </summary>
public sealed class TransportOptionsTests
{
    private static readonly PropertyInfo[] Settable = typeof(RemotingClientOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.SetMethod!.IsPublic)
        .ToArray();

    [Fact]
    public async Task The_client_transport_carries_every_settable_property_of_the_given_options()
    {
        var given = new RemotingClientOptions();
        var defaults = new RemotingClientOptions();
        foreach (var property in Settable)
        {
            var value = OtherThan(property.PropertyType, property.GetValue(defaults));
            property.SetValue(given, value);
            property.GetValue(given).Should().Be(value, $"{property.Name} keeps what was set");
        }

        var hook = new NoHook();
        given.RpcHooks.Add(hook);
        var options = TestOptions.For("127.0.0.1:9876");
        options.RemotingClientOptions = given;

        var client = new RMQClient(options);
        try
        {
            var used = client.RemotingClient.Options;
            used.Should().NotBeSameAs(given, "the client works on its own copy");
            foreach (var property in Settable)
            {
                property.GetValue(used).Should().Be(property.GetValue(given), $"{property.Name} reaches the transport");
            }

            used.RpcHooks.Should().Equal(hook);
            used.RpcHooks.Should().NotBeSameAs(given.RpcHooks, "hooks added to the caller's options later do not leak in");
        }
        finally
        {
            await client.Shutdown().WaitAsync(TestOptions.Bound);
        }
    }

    [Fact]
    public void The_client_fills_in_its_logger_factory_and_credentials_only_where_the_transport_has_none()
    {
        var clientLogs = new RecordingLoggerFactory();
        var options = TestOptions.For("127.0.0.1:9876");
        options.LoggerFactory = clientLogs;
        options.Credentials = new Credentials("client-ak", "client-sk");

        var filled = RMQClient.TransportOptions(options);
        filled.LoggerFactory.Should().BeSameAs(clientLogs);
        filled.Credentials!.AccessKey.Should().Be("client-ak");

        var transportLogs = new RecordingLoggerFactory();
        options.RemotingClientOptions = new RemotingClientOptions { LoggerFactory = transportLogs, Credentials = new Credentials("t-ak", "t-sk") };
        var kept = RMQClient.TransportOptions(options);
        kept.LoggerFactory.Should().BeSameAs(transportLogs);
        kept.Credentials!.AccessKey.Should().Be("t-ak");
    }

    [Fact]
    public void Clone_copies_every_settable_property_and_the_hook_list()
    {
        var given = new RemotingClientOptions();
        foreach (var property in Settable)
        {
            property.SetValue(given, OtherThan(property.PropertyType, property.GetValue(given)));
        }

        given.RpcHooks.Add(new NoHook());
        var copy = given.Clone();
        foreach (var property in Settable)
        {
            property.GetValue(copy).Should().Be(property.GetValue(given), property.Name);
        }

        copy.RpcHooks.Add(new NoHook());
        given.RpcHooks.Should().HaveCount(1, "the copy has its own hook list");
    }

    /// <summary>A value of <paramref name="type"/> that differs from <paramref name="current"/>.</summary>
    private static object OtherThan(Type type, object? current)
    {
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
        {
            return OtherThan(nullable, null);
        }

        object value = type switch
        {
            _ when type == typeof(bool) => !(bool)current!,
            _ when type == typeof(int) => (int)current! + 7,
            _ when type == typeof(long) => (long)current! + 7,
            _ when type == typeof(TimeSpan) => (TimeSpan)current! + TimeSpan.FromMilliseconds(1234),
            _ when type == typeof(string) => "other-" + current,
            _ when type.IsEnum => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(current)),
            _ when type == typeof(ILoggerFactory) => new RecordingLoggerFactory(),
            _ when type == typeof(Credentials) => new Credentials("ak", "sk", "token"),
            _ when type == typeof(RemoteCertificateValidationCallback) => (RemoteCertificateValidationCallback)((_, _, _, _) => true),
            _ when type == typeof(X509CertificateCollection) => new X509CertificateCollection(),
            _ when type == typeof(X509Certificate2Collection) => new X509Certificate2Collection(),
            _ => throw new NotSupportedException(
                $"RemotingClientOptions has a property of type {type.Name}: add a non-default value for it here, so the copy test covers it"),
        };
        value.Should().NotBe(current);
        return value;
    }

    private sealed class NoHook : IRpcHook
    {
        public void DoBeforeRequest(string addr, RemotingCommand request)
        {
        }

        public void DoAfterResponse(string addr, RemotingCommand request, RemotingCommand response)
        {
        }
    }
}
