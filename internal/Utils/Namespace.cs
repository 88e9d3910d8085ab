namespace RocketMQ.Go.Port.Internal.Utils;

/// <summary>
/// Namespaced resource names, <c>namespace%resource</c>, keeping a %RETRY% / %DLQ% prefix in front
/// (Go: internal/utils/namespace.go; behaviour is Java's NamespaceUtil, see remarks).
/// </summary>
/// <remarks>
/// Go wraps "%RETRY%g" into "ns%%RETRY%g" and treats any resource containing "ns%" as already wrapped; Java puts
/// the namespace after the prefix ("%RETRY%ns%g"), checks for the namespace only at the start, and never wraps
/// system topics or groups. The broker and Java clients use Java's form, so this follows Java.
/// </remarks>
internal static class Namespace
{
    /// <summary>Separates the namespace from the name.</summary>
    public const char Separator = '%';

    /// <summary>Adds <paramref name="ns"/> to <paramref name="resource"/> unless empty, system or already there (Go: <c>WrapNamespace</c>).</summary>
    public static string WrapNamespace(string? ns, string resource)
    {
        if (string.IsNullOrEmpty(ns) || string.IsNullOrEmpty(resource))
        {
            return resource;
        }

        if (IsSystemResource(resource) || IsAlreadyWithNamespace(resource, ns))
        {
            return resource;
        }

        return Prefix(resource) + ns + Separator + WithoutRetryAndDlq(resource);
    }

    /// <summary>Removes any namespace, keeping a %RETRY% / %DLQ% prefix (Go: <c>WithoutNamespace</c>).</summary>
    public static string WithoutNamespace(string resource)
    {
        if (string.IsNullOrEmpty(resource) || IsSystemResource(resource))
        {
            return resource;
        }

        var bare = WithoutRetryAndDlq(resource);
        var index = bare.IndexOf(Separator);
        return index > 0 ? Prefix(resource) + bare[(index + 1)..] : resource;
    }

    /// <summary>Removes <paramref name="ns"/> only when the resource carries exactly that namespace.</summary>
    public static string WithoutNamespace(string resource, string? ns)
    {
        if (string.IsNullOrEmpty(resource) || string.IsNullOrEmpty(ns))
        {
            return resource;
        }

        return WithoutRetryAndDlq(resource).StartsWith(ns + Separator, StringComparison.Ordinal) ? WithoutNamespace(resource) : resource;
    }

    /// <summary>True when <paramref name="resource"/> already starts (after any retry/DLQ prefix) with <c>ns%</c>.</summary>
    public static bool IsAlreadyWithNamespace(string resource, string? ns)
    {
        if (string.IsNullOrEmpty(ns) || string.IsNullOrEmpty(resource) || IsSystemResource(resource))
        {
            return false;
        }

        return WithoutRetryAndDlq(resource).StartsWith(ns + Separator, StringComparison.Ordinal);
    }

    /// <summary>The namespace part of a resource, or "" when it has none.</summary>
    public static string GetNamespaceFromResource(string resource)
    {
        if (string.IsNullOrEmpty(resource) || IsSystemResource(resource))
        {
            return string.Empty;
        }

        var bare = WithoutRetryAndDlq(resource);
        var index = bare.IndexOf(Separator);
        return index > 0 ? bare[..index] : string.Empty;
    }

    /// <summary>%RETRY% + the namespaced group (Java: wrapNamespaceAndRetry).</summary>
    public static string WrapNamespaceAndRetry(string? ns, string consumerGroup)
        => Constants.RetryGroupTopicPrefix + WrapNamespace(ns, consumerGroup);

    private static string Prefix(string resource)
        => Constants.IsRetryTopic(resource) ? Constants.RetryGroupTopicPrefix
            : Constants.IsDlqTopic(resource) ? Constants.DlqGroupTopicPrefix
            : string.Empty;

    private static string WithoutRetryAndDlq(string resource)
        => Constants.IsRetryTopic(resource) ? resource[Constants.RetryGroupTopicPrefix.Length..]
            : Constants.IsDlqTopic(resource) ? resource[Constants.DlqGroupTopicPrefix.Length..]
            : resource;

    private static bool IsSystemResource(string resource)
        => Constants.IsSystemTopic(resource) || Constants.IsSystemConsumerGroup(resource);
}
