using System.Security.Cryptography;
using System.Text;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Acl;

/// <summary>
/// Verifies request signatures as Java's PlainAccessValidator does: Base64(HmacSHA1(secretKey, the values of every
/// ext field except Signature - AccessKey and SecurityToken included - sorted by key, then the body)).
/// Returns the refusal remark, or null when the request may pass.
/// </summary>
internal sealed class PlainAccessValidator(IDictionary<string, string> accounts)
{
    public const string AccessKey = "AccessKey";
    public const string Signature = "Signature";

    public bool Enabled => accounts.Count > 0;

    public string? Validate(RemotingCommand request)
    {
        var accessKey = request.GetExtField(AccessKey);
        if (string.IsNullOrEmpty(accessKey))
        {
            return $"[AUTHENTICATION_FAILED] request code {request.Code} has no AccessKey: the broker requires ACL credentials";
        }

        if (!accounts.TryGetValue(accessKey, out var secret))
        {
            return $"[AUTHENTICATION_FAILED] No acl config for {accessKey}";
        }

        var signature = request.GetExtField(Signature);
        if (string.IsNullOrEmpty(signature))
        {
            return $"[AUTHENTICATION_FAILED] request code {request.Code} from {accessKey} is not signed";
        }

        var expected = Sign(request, secret);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : $"[AUTHENTICATION_FAILED] Check signature failed for accessKey={accessKey}";
    }

    /// <summary>The signature Java computes for <paramref name="request"/> with <paramref name="secretKey"/>.</summary>
    public static string Sign(RemotingCommand request, string secretKey)
    {
        var content = new List<byte>();
        if (request.ExtFields is { } fields)
        {
            foreach (var key in fields.Keys.Order(StringComparer.Ordinal))
            {
                if (key != Signature)
                {
                    content.AddRange(Encoding.UTF8.GetBytes(fields[key]));
                }
            }
        }

        content.AddRange(request.Body.Span.ToArray());
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secretKey), content.ToArray()));
    }
}
