namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A directory under the temp folder, deleted on dispose: for broadcasting consumers' offset files, which would
/// otherwise stay under the home directory. Own it before the consumers so it is deleted after they persisted.
/// </summary>
public sealed class TempDirectory : IAsyncDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rocketmq-test-").FullName;

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
