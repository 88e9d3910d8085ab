using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Signs requests for a broker with ACL enabled (Go: <c>ACLInterceptor</c> in interceptor.go; Java:
/// <c>AclClientRPCHook</c>). Adds <c>AccessKey</c> and, when set, <c>SecurityToken</c> to the ext fields, then
/// <c>Signature</c> = Base64(HmacSHA1(secretKey, UTF-8 of the values of every ext field except Signature, in
/// ordinal key order, followed by the body)).
/// </summary>
/// <remarks>
/// Follows Java rather than Go: Go leaves SecurityToken out of the signed content, so a broker that checks a
/// token-bearing request rejects Go's signature.
/// </remarks>
internal sealed class AclClientRpcHook : IRpcHook
{
    /// <summary>Ext field holding the access key.</summary>
    public const string AccessKeyField = "AccessKey";

    /// <summary>Ext field holding the signature.</summary>
    public const string SignatureField = "Signature";

    /// <summary>Ext field holding the optional security token.</summary>
    public const string SecurityTokenField = "SecurityToken";

    private readonly Credentials _credentials;
    private readonly byte[] _secretKey;

    /// <summary>Creates the hook for <paramref name="credentials"/>.</summary>
    public AclClientRpcHook(Credentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
        _secretKey = Encoding.UTF8.GetBytes(credentials.SecretKey ?? string.Empty);
    }

    /// <inheritdoc />
    public void DoBeforeRequest(string addr, RemotingCommand request)
    {
        request.SetExtField(AccessKeyField, _credentials.AccessKey);
        if (!string.IsNullOrEmpty(_credentials.SecurityToken))
        {
            request.SetExtField(SecurityTokenField, _credentials.SecurityToken);
        }

        request.SetExtField(SignatureField, CalculateSignature(request, _secretKey));
    }

    /// <inheritdoc />
    public void DoAfterResponse(string addr, RemotingCommand request, RemotingCommand response)
    {
    }

    /// <summary>The signature of <paramref name="request"/> as it stands (its Signature field, if any, ignored).</summary>
    public static string CalculateSignature(RemotingCommand request, string secretKey)
        => CalculateSignature(request, Encoding.UTF8.GetBytes(secretKey));

    private static string CalculateSignature(RemotingCommand request, byte[] secretKey)
    {
        var fields = request.ExtFields;
        var count = fields?.Count ?? 0;
        var keys = ArrayPool<string>.Shared.Rent(Math.Max(count, 1));
        byte[]? content = null;
        try
        {
            var n = 0;
            var length = request.Body.Length;
            if (fields is not null)
            {
                foreach (var pair in fields)
                {
                    if (!string.Equals(pair.Key, SignatureField, StringComparison.Ordinal))
                    {
                        keys[n++] = pair.Key;
                        length += Encoding.UTF8.GetByteCount(pair.Value ?? string.Empty);
                    }
                }
            }

            // Java sorts with a TreeMap<String,String>: String.compareTo is ordinal over UTF-16 code units.
            Array.Sort(keys, 0, n, StringComparer.Ordinal);
            content = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
            var at = 0;
            for (var i = 0; i < n; i++)
            {
                at += Encoding.UTF8.GetBytes(fields![keys[i]] ?? string.Empty, content.AsSpan(at));
            }

            request.Body.Span.CopyTo(content.AsSpan(at));
            at += request.Body.Length;
            Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
            HMACSHA1.HashData(secretKey, content.AsSpan(0, at), mac);
            return Convert.ToBase64String(mac);
        }
        finally
        {
            Array.Clear(keys, 0, count);
            ArrayPool<string>.Shared.Return(keys);
            if (content is not null)
            {
                ArrayPool<byte>.Shared.Return(content);
            }
        }
    }
}
