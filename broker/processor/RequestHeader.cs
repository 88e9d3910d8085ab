using System.Globalization;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>A required header field is missing or malformed; answered with SYSTEM_ERROR and the reason.</summary>
internal sealed class BadRequestException(string message) : Exception(message);

/// <summary>Typed reads of a request's ext fields (Java: decodeCommandCustomHeader), with Java's error texts.</summary>
internal static class RequestHeader
{
    public static string Required(this RemotingCommand request, string name)
        => request.GetExtField(name) ?? throw new BadRequestException($"the custom field <{name}> is null");

    public static int RequiredInt(this RemotingCommand request, string name)
        => int.TryParse(request.Required(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new BadRequestException($"the custom field <{name}> is not an int: {request.GetExtField(name)}");

    public static long RequiredLong(this RemotingCommand request, string name)
        => long.TryParse(request.Required(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
            : throw new BadRequestException($"the custom field <{name}> is not a long: {request.GetExtField(name)}");

    public static int OptionalInt(this RemotingCommand request, string name, int fallback)
        => int.TryParse(request.GetExtField(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public static long OptionalLong(this RemotingCommand request, string name, long fallback)
        => long.TryParse(request.GetExtField(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

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
