namespace RocketMQ.Go.Port.Primitive;

/// <summary>ACL credentials (Go: <c>primitive.Credentials</c> in auth.go).</summary>
public sealed record Credentials(string AccessKey, string SecretKey, string? SecurityToken = null)
{
    /// <summary>True when both keys are set, which is when requests get signed.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey);
}
