using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Argument checks of the <c>WithX</c> option functions of producer, consumer and admin. Each runs when the option
/// is created, so a bad value fails on the line that wrote it, and throws an <see cref="ArgumentException"/> whose
/// message starts with the option's name ("WithRetry: retry count must be &gt;= 0, got -1") and whose
/// <see cref="ArgumentException.ParamName"/> is the option's parameter. The option name and parameter come from
/// the calling <c>WithX</c> method.
/// </summary>
internal static class OptionChecks
{
    /// <summary>Longest timeout an option takes: timers and the wire's millisecond fields hold an int.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="value"/> is null.</summary>
    public static T NotNull<T>([NotNull] T? value, string what,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        where T : class
        => value ?? throw new ArgumentNullException(param, $"{option}: {what} must not be null");

    /// <summary>Not null and not only white space.</summary>
    public static string NotBlank([NotNull] string? value, string what,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
    {
        NotNull(value, what, param, option);
        return string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"{option}: {what} must not be empty, got '{value}'", param)
            : value;
    }

    /// <summary>Not null, and no element null.</summary>
    public static T[] NoNulls<T>([NotNull] T[]? values, string what,
        [CallerArgumentExpression(nameof(values))] string param = "", [CallerMemberName] string option = "")
        where T : class
    {
        NotNull(values, what, param, option);
        var index = Array.IndexOf(values, null);
        return index < 0 ? values : throw new ArgumentNullException(param, $"{option}: {what} [{index}] is null");
    }

    /// <summary><paramref name="value"/> &gt;= <paramref name="min"/>.</summary>
    public static void AtLeast(long value, long min, string what,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        => Require(value >= min, $"{what} must be >= {min}, got {value}", param, option);

    /// <summary><paramref name="value"/> in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Between(long value, long min, long max, string what,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        => Require(value >= min && value <= max, $"{what} must be in [{min}, {max}], got {value}", param, option);

    /// <summary>
    /// Go's numeric consumer options: 0 keeps the default <paramref name="defaultValue"/>, anything else must be in
    /// [<paramref name="min"/>, <paramref name="max"/>] (the range Go's Start checks).
    /// </summary>
    public static void BetweenOrZero(long value, long min, long max, long defaultValue, string what,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        => Require(value == 0 || (value >= min && value <= max),
            $"{what} must be in [{min}, {max}] (0 for the default {defaultValue}), got {value}", param, option);

    /// <summary>A duration in (0, <see cref="MaxTimeout"/>].</summary>
    public static void Positive(TimeSpan value, string what,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        => Require(value > TimeSpan.Zero && value <= MaxTimeout, $"{what} must be > 0 and at most {Millis(MaxTimeout)}, got {Millis(value)}", param, option);

    /// <summary>A duration in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static void Between(TimeSpan value, TimeSpan min, TimeSpan max, string what,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        => Require(value >= min && value <= max, $"{what} must be in [{Millis(min)}, {Millis(max)}], got {Millis(value)}", param, option);

    /// <summary>A named value of <typeparamref name="TEnum"/>.</summary>
    public static void Defined<TEnum>(TEnum value, string what,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        where TEnum : struct, Enum
        => Require(Enum.IsDefined(value), $"{what} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}, got {value}", param, option);

    /// <summary>A legal group name (Go: <c>ValidateGroup</c>: letters, digits, %|_- and at most 255 characters).</summary>
    public static void GroupName([NotNull] string? value,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        => Legal(value, "group", Validators.ValidateGroup, param, option);

    /// <summary>A legal topic name (Java: <c>Validators.checkTopic</c>: letters, digits, %|_- and at most 127 characters).</summary>
    public static void TopicName([NotNull] string? value,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        => Legal(value, "topic", Validators.ValidateTopic, param, option);

    /// <summary>Go's <c>WithGroupName</c> ignores an empty name; anything else must be a legal group name.</summary>
    public static void GroupNameOrEmpty([NotNull] string? value,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
    {
        NotNull(value, "group", param, option);
        if (value.Length > 0)
        {
            Legal(value, "group", Validators.ValidateGroup, param, option);
        }
    }

    /// <summary>Null or empty (no namespace), or letters, digits and |_- (the namespace becomes part of topic and group names).</summary>
    public static void NamespaceOrEmpty(string? value,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
        => Require(string.IsNullOrEmpty(value) || (Validators.IsLegal(value) && !value.Contains('%')),
            $"namespace '{value}' contains illegal characters, allowing only letters, digits and |_-", param, option);

    /// <summary>Go's <c>WithRemotingTimeout</c>: a positive connection timeout; read and write timeouts of 0 mean none.</summary>
    public static void RemotingTimeouts(TimeSpan connectionTimeout, TimeSpan readTimeout, TimeSpan writeTimeout,
        [CallerMemberName] string option = "")
    {
        Positive(connectionTimeout, "connection timeout", nameof(connectionTimeout), option);
        Between(readTimeout, TimeSpan.Zero, MaxTimeout, "read timeout", nameof(readTimeout), option);
        Between(writeTimeout, TimeSpan.Zero, MaxTimeout, "write timeout", nameof(writeTimeout), option);
    }

    /// <summary>A trace config that says where traces go: name server addresses or a resolver.</summary>
    public static void TraceConfig([NotNull] TraceConfig? value,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
    {
        NotNull(value, "trace config", param, option);
        if (value.Resolver is null && value.NamesrvAddrs is not { Count: > 0 })
        {
            throw new ArgumentException($"{option}: trace config names no name server; set its NamesrvAddrs or Resolver", param);
        }
    }

    /// <summary>Name server addresses as <see cref="NamesrvAddr.Create"/> takes them: "host:port" each, or one ';' separated string.</summary>
    public static NamesrvAddr NameServers(string[]? addresses,
        [CallerArgumentExpression(nameof(addresses))] string param = "", [CallerMemberName] string option = "")
    {
        NotNull(addresses, "name server address list", param, option);
        var index = Array.IndexOf(addresses, null);
        if (index >= 0)
        {
            throw new ArgumentNullException(param,
                $"{option}: name server address [{index}] is null; give \"host:port\" (e.g. 127.0.0.1:9876), several separated by ';'");
        }

        try
        {
            return NamesrvAddr.Create(addresses);
        }
        catch (MQClientException e)
        {
            // Drop Go's code text ("IP addr error: ") and keep the reason, which quotes the address.
            var colon = e.Description.IndexOf(": ", StringComparison.Ordinal);
            var reason = e.Code == ClientErrors.ErrNoNameserver || colon < 0 ? "no name server address given" : e.Description[(colon + 2)..];
            throw new ArgumentException($"{option}: {reason}; give \"host:port\" (e.g. 127.0.0.1:9876), several separated by ';'", param, e);
        }
    }

    /// <summary>An absolute http or https URL.</summary>
    public static string HttpUrl([NotNull] string? value, string what,
        [CallerArgumentExpression(nameof(value))] string param = "", [CallerMemberName] string option = "")
    {
        NotBlank(value, what, param, option);
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value
            : throw new ArgumentException($"{option}: {what} must be an http or https URL, got '{value}'", param);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> with "<paramref name="option"/>: <paramref name="rule"/>" unless <paramref name="ok"/>.</summary>
    public static void Require(bool ok, string rule, string param, string option)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(param, $"{option}: {rule}");
        }
    }

    private static void Legal([NotNull] string? value, string what, Action<string?, string> validate, string param, string option)
    {
        NotNull(value, what, param, option);
        try
        {
            validate(value, what);
        }
        catch (MQClientException e)
        {
            throw new ArgumentException($"{option}: {e.Description}", param, e);
        }
    }

    private static string Millis(TimeSpan value) => value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
