namespace RocketMQ.Go.Port.Remote;

/// <summary>How a server with a certificate treats plain connections (Java: <c>TlsMode</c>, <c>tls.server.mode</c>).</summary>
public enum TlsMode
{
    /// <summary>No TLS, even with a certificate (Java: DISABLED).</summary>
    Disabled,

    /// <summary>TLS and plain TCP on one port, told apart by the client's first byte (Java: PERMISSIVE, the broker's default).</summary>
    Permissive,

    /// <summary>TLS only (Java: ENFORCING).</summary>
    Enforcing,
}

/// <summary>Whether a TLS server asks for client certificates (Java: <c>tls.server.need.client.auth</c>).</summary>
public enum TlsClientAuth
{
    /// <summary>Not asked (Java: none).</summary>
    None,

    /// <summary>Asked; a client without one is still served (Java: optional).</summary>
    Optional,

    /// <summary>Required (Java: require).</summary>
    Require,
}
