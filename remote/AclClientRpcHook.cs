using System.Security.Cryptography;

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
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, secretKey);
        Span<byte> small = stackalloc byte[256];
        // Java sorts with a TreeMap<String,String>: String.compareTo is ordinal over UTF-16 code units.
        foreach (var (key, value) in (request.ExtFields ?? []).OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var text = value ?? string.Empty;
            if (key != SignatureField)
            {
                hmac.AppendData(Encoding.UTF8.GetMaxByteCount(text.Length) <= small.Length ? small[..Encoding.UTF8.GetBytes(text, small)] : Encoding.UTF8.GetBytes(text));
            }
        }

        hmac.AppendData(request.Body.Span);
        return Convert.ToBase64String(hmac.GetHashAndReset());
    }
}
