using System.Text.Json;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>A captured request with its decoded command and, when captured, its response.</summary>
internal sealed record CapturedExchange(CapturedFrame RequestFrame, RemotingCommand Request, CapturedFrame? ResponseFrame, RemotingCommand? Response)
{
    public int Code => Request.Code;

    public override string ToString() => RequestFrame.ToString();
}

/// <summary>Pairs requests and responses of the captures by stream and opaque.</summary>
internal static class CaptureExchanges
{
    /// <summary>ACL fields the RPC hook adds beside a header's own fields.</summary>
    public static readonly string[] AclFields = ["AccessKey", "Signature", "SecurityToken"];

    public static IEnumerable<CapturedExchange> All() => WireCaptures.Scenarios().SelectMany(Of);

    public static IEnumerable<CapturedExchange> Of(string scenario)
    {
        var frames = WireCaptures.Frames(scenario);
        var responses = new Dictionary<(int Stream, int Opaque), CapturedFrame>();
        foreach (var frame in frames)
        {
            if ((frame.Header.GetProperty("flag").GetInt32() & 1) != 0)
            {
                responses.TryAdd((frame.Stream, frame.Header.GetProperty("opaque").GetInt32()), frame);
            }
        }

        foreach (var frame in frames)
        {
            if ((frame.Header.GetProperty("flag").GetInt32() & 1) != 0)
            {
                continue;
            }

            var request = RemotingCommandCodec.DecodeWithLengthPrefix(frame.Bytes);
            responses.TryGetValue((frame.Stream, request.Opaque), out var responseFrame);
            var response = responseFrame is null ? null : RemotingCommandCodec.DecodeWithLengthPrefix(responseFrame.Bytes);
            yield return new CapturedExchange(frame, request, responseFrame, response);
        }
    }

    public static IEnumerable<CapturedExchange> WithCode(int code) => All().Where(e => e.Code == code);

    /// <summary>The command's ext fields without the ACL hook's additions.</summary>
    public static Dictionary<string, string> HeaderFields(RemotingCommand command)
        => (command.ExtFields ?? []).Where(kv => !AclFields.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    public static IEnumerable<(CapturedFrame Frame, string Body)> AllBodies()
        => WireCaptures.Scenarios().SelectMany(WireCaptures.Frames).Where(f => f.BodyText is not null).Select(f => (f, f.BodyText!));

    public static string Describe(JsonElement header) => header.ToString();
}
