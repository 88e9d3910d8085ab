using System.Globalization;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>A required header field is missing or malformed; answered with SYSTEM_ERROR and the reason.</summary>
internal sealed class BadRequestException(string message) : Exception(message);

/// <summary>Typed reads of a request's ext fields (Java: decodeCommandCustomHeader), with Java's error texts.</summary>
internal static class RequestHeader
{
    /// <summary>
    /// One of internal's typed headers (Java: decodeCommandCustomHeader), for requests off the hot path; a missing
    /// or malformed field raises <see cref="RemotingProtocolException"/> with Java's wording. The send and pull
    /// processors read their fields lazily instead (no map of strings per request).
    /// </summary>
    public static T Header<T>(this RemotingCommand request)
        where T : Internal.ICommandHeader<T>
        => T.Decode(request);

    public static string Required(this RemotingCommand request, string name)
        => request.GetExtField(name) ?? throw new BadRequestException($"the custom field <{name}> is null");

    // Numbers are read straight from the decoded frame (no string per field); the strings are built only to word
    // an error.
    public static int RequiredInt(this RemotingCommand request, string name)
        => request.TryGetExtField(name, out var v) && v is >= int.MinValue and <= int.MaxValue ? (int)v
            : int.TryParse(request.Required(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw new BadRequestException($"the custom field <{name}> is not an int: {request.GetExtField(name)}");

    public static long RequiredLong(this RemotingCommand request, string name)
        => request.TryGetExtField(name, out var v) ? v
            : long.TryParse(request.Required(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw new BadRequestException($"the custom field <{name}> is not a long: {request.GetExtField(name)}");

    public static int OptionalInt(this RemotingCommand request, string name, int fallback)
        => request.TryGetExtField(name, out var v) && v is >= int.MinValue and <= int.MaxValue ? (int)v
            : int.TryParse(request.GetExtField(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;

    public static long OptionalLong(this RemotingCommand request, string name, long fallback)
        => request.TryGetExtField(name, out var v) ? v
            : long.TryParse(request.GetExtField(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;

    public static bool OptionalBool(this RemotingCommand request, string name)
        => bool.TryParse(request.GetExtField(name), out var v) && v;

    public static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A response carrying an empty ext-field map, as Java writes for empty custom headers.</summary>
    public static RemotingCommand Response(RemotingCommand request, int code, string? remark = null)
    {
        var response = RemotingCommand.CreateResponse(request, code, remark);
        response.ExtFields = new Dictionary<string, string>();
        return response;
    }
}
