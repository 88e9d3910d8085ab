using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Hosting;

/// <summary>
/// What every RocketMQ client shares (Go: <c>internal.ClientOptions</c>), bindable from configuration. A property
/// left null keeps Go's default; a set one becomes the matching <c>WithX</c> option.
/// </summary>
public abstract class RocketMQClientSettings
{
    /// <summary>Name server addresses, "host:port" each (Go: <c>WithNameServer</c>); one entry may hold several separated by ';'.</summary>
    public List<string> NameServers { get; set; } = [];

    /// <summary>An HTTP endpoint that lists the name servers (Go: <c>WithNameServerDomain</c>).</summary>
    public string? NameServerDomain { get; set; }

    /// <summary>The producer or consumer group (Go: <c>WithGroupName</c>).</summary>
    public string? GroupName { get; set; }

    /// <summary>The namespace put in front of topics and groups (Go: <c>WithNamespace</c>).</summary>
    public string? Namespace { get; set; }

    /// <summary>The instance name; clients with the same one share a connection set (Go: <c>WithInstance</c>/<c>WithInstanceName</c>).</summary>
    public string? InstanceName { get; set; }

    /// <summary>The unit name (Go: <c>WithUnitName</c>).</summary>
    public string? UnitName { get; set; }

    /// <summary>ACL access key (Go: <c>WithCredentials</c>); with <see cref="SecretKey"/>.</summary>
    public string? AccessKey { get; set; }

    /// <summary>ACL secret key (Go: <c>WithCredentials</c>).</summary>
    public string? SecretKey { get; set; }

    /// <summary>ACL security token (Go: <c>Credentials.SecurityToken</c>).</summary>
    public string? SecurityToken { get; set; }

    /// <summary>Retries (Go: <c>WithRetry</c>).</summary>
    public int? RetryTimes { get; set; }

    /// <summary>Use the broker's VIP channel (Go: <c>WithVIPChannel</c>).</summary>
    public bool? VIPChannelEnabled { get; set; }

    /// <summary>TLS to name servers and brokers (Go: <c>WithTls</c>).</summary>
    public bool? UseTls { get; set; }

    /// <summary>The credentials, when both keys are set.</summary>
    internal Credentials? Credentials
        => string.IsNullOrEmpty(AccessKey) && string.IsNullOrEmpty(SecretKey) ? null : new Credentials(AccessKey ?? "", SecretKey ?? "", SecurityToken);

    /// <summary>The name server list as Go's option takes it: every entry split at ';'.</summary>
    internal string[] NameServerList
        => [.. NameServers.SelectMany(n => n.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
}
