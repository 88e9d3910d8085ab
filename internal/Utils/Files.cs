namespace RocketMQ.Go.Port.Internal;

/// <summary>File helpers (Go: internal/utils/files.go).</summary>
internal static class FileUtils
{
    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="data"/> so a crash leaves either the old or the new
    /// content (Go: <c>WriteToFile</c>): written to path.tmp and flushed, the old content kept as path.bak, then
    /// renamed over. Go's backup step never writes the .bak (inverted error check); here it does.
    /// </summary>
    public static void WriteToFile(string path, ReadOnlySpan<byte> data)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(data);
            stream.Flush(flushToDisk: true);
        }

        if (File.Exists(path))
        {
            File.Copy(path, path + ".bak", overwrite: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// The content of <paramref name="path"/>, or of path.bak when the file is missing or unreadable; null when
    /// neither exists (Go: <c>FileReadAll</c>, plus the fallback Go's local offset store does by hand).
    /// </summary>
    public static byte[]? ReadWithBackup(string path)
    {
        foreach (var candidate in new[] { path, path + ".bak" })
        {
            try
            {
                if (File.Exists(candidate))
                {
                    return File.ReadAllBytes(candidate);
                }
            }
            catch (IOException)
            {
                // fall through to the backup
            }
        }

        return null;
    }
}
