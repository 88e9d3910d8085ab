namespace RocketMQ.Go.Port.Remote;

/// <summary>Java's LanguageCode; the ROCKETMQ binary header carries the byte, the JSON header the name.</summary>
internal enum LanguageCode : byte
{
    /// <summary>Java client or broker.</summary>
    JAVA = 0,
    /// <summary>C++ client.</summary>
    CPP = 1,
    /// <summary>.NET client: what this client sends.</summary>
    DOTNET = 2,
    /// <summary>Python client.</summary>
    PYTHON = 3,
    /// <summary>Delphi client.</summary>
    DELPHI = 4,
    /// <summary>Erlang client.</summary>
    ERLANG = 5,
    /// <summary>Ruby client.</summary>
    RUBY = 6,
    /// <summary>Other.</summary>
    OTHER = 7,
    /// <summary>HTTP proxy.</summary>
    HTTP = 8,
    /// <summary>Go client.</summary>
    GO = 9,
    /// <summary>PHP client.</summary>
    PHP = 10,
    /// <summary>OpenMessaging.</summary>
    OMS = 11,
    /// <summary>Rust client.</summary>
    RUST = 12,
}
