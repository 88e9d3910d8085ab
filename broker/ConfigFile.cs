namespace RocketMQ.Go.Port.Broker;

/// <summary>Writes config and offset files so a crash leaves either the old or the new content, never half.</summary>
internal static class ConfigFile
{
    /// <summary>Writes to a temporary file, fsyncs it, then renames it over <paramref name="path"/>.</summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
