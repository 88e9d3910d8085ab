using System.Reflection;
using System.Runtime.ExceptionServices;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Bad values of the client options producer, consumer and admin share (Go repeats them in each package's
/// option.go), called by name on the given options class so the three tables cannot drift apart.
/// </summary>
public static class ClientOptionRows
{
    private const string HostPortHint = "; give \"host:port\" (e.g. 127.0.0.1:9876), several separated by ';'";

    /// <summary>
    /// The rows for <paramref name="options"/>; <paramref name="instanceOption"/> is its instance-name option (Go
    /// spells it WithInstanceName in producer, WithInstance in consumer), null when it has none, as the admin.
    /// <paramref name="resolverOption"/> is WithNsResolver, or WithResolver for the admin.
    /// </summary>
    public static IEnumerable<BadOption> For(Type options, string? instanceOption, string resolverOption, bool full)
    {
        var ane = typeof(ArgumentNullException);
        var ae = typeof(ArgumentException);
        var range = typeof(ArgumentOutOfRangeException);

        BadOption Row(string option, string value, Type[] signature, object?[] args, Type exception, string message, string param)
            => new(option, value, () => Call(options, option, signature, args), exception, message, param);

        yield return Row("WithNameServer", "(NamesrvAddr)null", [typeof(NamesrvAddr)], [null], ane,
            "WithNameServer: name server address list must not be null", "nameServers");
        yield return Row("WithNameServer", "(string[])null", [typeof(string[])], [null], ane,
            "WithNameServer: name server address list must not be null", "nameServers");
        yield return Row("WithNameServer", "(string)null", [typeof(string[])], [new string?[] { null }], ane,
            "WithNameServer: name server address [0] is null" + HostPortHint, "nameServers");
        yield return Row("WithNameServer", "\"\"", [typeof(string[])], [new[] { "" }], ae,
            "WithNameServer: no name server address given" + HostPortHint, "nameServers");
        yield return Row("WithNameServer", "\"localhost\"", [typeof(string[])], [new[] { "localhost" }], ae,
            "WithNameServer: 'localhost' is not host:port" + HostPortHint, "nameServers");
        yield return Row("WithNameServer", "\"127.0.0.1:0\"", [typeof(string[])], [new[] { "127.0.0.1:0" }], ae,
            "WithNameServer: '127.0.0.1:0' has an invalid port" + HostPortHint, "nameServers");
        yield return Row("WithCredentials", "null", [typeof(Credentials)], [null], ane,
            "WithCredentials: credentials must not be null", "credentials");
        yield return Row("WithNamespace", "\"a b\"", [typeof(string)], ["a b"], range,
            "WithNamespace: namespace 'a b' contains illegal characters, allowing only letters, digits and |_-", "ns");
        yield return Row("WithNamespace", "\"a%b\"", [typeof(string)], ["a%b"], range,
            "WithNamespace: namespace 'a%b' contains illegal characters, allowing only letters, digits and |_-", "ns");
        yield return Row(resolverOption, "null", [typeof(INsResolver)], [null], ane,
            $"{resolverOption}: name server resolver must not be null", "resolver");
        yield return Row("WithRemotingOptions", "null", [typeof(Action<RemotingClientOptions>)], [null], ane,
            "WithRemotingOptions: configure action must not be null", "configure");
        if (!full)
        {
            yield break;
        }

        yield return Row("WithGroupName", "null", [typeof(string)], [null], ane, "WithGroupName: group must not be null", "group");
        yield return Row("WithGroupName", "\"bad group\"", [typeof(string)], ["bad group"], ae,
            "WithGroupName: the specified group[bad group] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$", "group");
        yield return Row("WithGroupName", "256 characters", [typeof(string)], [new string('g', 256)], ae,
            "WithGroupName: the specified group is longer than group max length 255: 256 characters", "group");
        yield return Row(instanceOption!, "null", [typeof(string)], [null], ane, $"{instanceOption}: instance name must not be null", "name");
        yield return Row(instanceOption!, "\" \"", [typeof(string)], [" "], ae, $"{instanceOption}: instance name must not be empty, got ' '", "name");
        yield return Row("WithRetry", "-1", [typeof(int)], [-1], range, "WithRetry: retry count must be >= 0, got -1", "retries");
        yield return Row("WithNameServerDomain", "null", [typeof(string)], [null], ane,
            "WithNameServerDomain: name server domain must not be null", "nameServerUrl");
        yield return Row("WithNameServerDomain", "\"\"", [typeof(string)], [""], ae,
            "WithNameServerDomain: name server domain must not be empty, got ''", "nameServerUrl");
        yield return Row("WithNameServerDomain", "\"ftp://ns\"", [typeof(string)], ["ftp://ns"], ae,
            "WithNameServerDomain: name server domain must be an http or https URL, got 'ftp://ns'", "nameServerUrl");
        yield return Row("WithUnitName", "null", [typeof(string)], [null], ane, "WithUnitName: unit name must not be null", "unitName");
        var second = TimeSpan.FromSeconds(1);
        var minus = TimeSpan.FromMilliseconds(-1);
        Type[] timeouts = [typeof(TimeSpan), typeof(TimeSpan), typeof(TimeSpan)];
        yield return Row("WithRemotingTimeout", "0, 1 s, 1 s", timeouts, [TimeSpan.Zero, second, second], range,
            "WithRemotingTimeout: connection timeout must be > 0 and at most 2147483647 ms, got 0 ms", "connectionTimeout");
        yield return Row("WithRemotingTimeout", "1 s, -1 ms, 1 s", timeouts, [second, minus, second], range,
            "WithRemotingTimeout: read timeout must be in [0 ms, 2147483647 ms], got -1 ms", "readTimeout");
        yield return Row("WithRemotingTimeout", "1 s, 1 s, -1 ms", timeouts, [second, second, minus], range,
            "WithRemotingTimeout: write timeout must be in [0 ms, 2147483647 ms], got -1 ms", "writeTimeout");
        yield return Row("WithInterceptor", "null", [typeof(Interceptor[])], [null], ane,
            "WithInterceptor: interceptor must not be null", "interceptors");
        Interceptor pass = (c, r, p, n) => n(c, r, p);
        yield return Row("WithInterceptor", "pass, null", [typeof(Interceptor[])], [new[] { pass, null }], ane,
            "WithInterceptor: interceptor [1] is null", "interceptors");
        yield return Row("WithShutdownTimeout", "-1 ms", [typeof(TimeSpan)], [minus], range,
            "WithShutdownTimeout: shutdown timeout must be in [0 ms, 2147483647 ms], got -1 ms", "timeout");
        yield return Row("WithTrace", "null", [typeof(TraceConfig)], [null], ane, "WithTrace: trace config must not be null", "traceConfig");
        yield return Row("WithTrace", "no name server", [typeof(TraceConfig)], [new TraceConfig { GroupName = "G" }], ae,
            "WithTrace: trace config names no name server; set its NamesrvAddrs or Resolver", "traceConfig");
        yield return Row("WithClientIP", "null", [typeof(string)], [null], ane, "WithClientIP: client IP must not be null", "ip");
        yield return Row("WithClientIP", "\"\"", [typeof(string)], [""], ae, "WithClientIP: client IP must not be empty, got ''", "ip");
        yield return Row("WithClientIP", "\"host.example\"", [typeof(string)], ["host.example"], range,
            "WithClientIP: client IP must be an IPv4 or IPv6 address, got 'host.example'", "ip");
        yield return Row("WithHeartbeatBrokerInterval", "0", [typeof(TimeSpan)], [TimeSpan.Zero], range,
            "WithHeartbeatBrokerInterval: heartbeat interval must be > 0 and at most 2147483647 ms, got 0 ms", "interval");
        yield return Row("WithPollNameServerInterval", "-1 ms", [typeof(TimeSpan)], [minus], range,
            "WithPollNameServerInterval: route refresh interval must be > 0 and at most 2147483647 ms, got -1 ms", "interval");
    }

    /// <summary>Calls the static option function, rethrowing what it threw.</summary>
    public static object Call(Type options, string name, Type[] signature, object?[] args)
    {
        var method = options.GetMethod(name, BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy, signature)
            ?? throw new MissingMethodException(options.Name, name);
        try
        {
            return method.Invoke(null, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
