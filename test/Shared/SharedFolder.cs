namespace RocketMQ.Go.Port.Tests;

/// <summary>Finds the folders of ../shared beside the repository (real 4.9.8 captures and reference data).</summary>
public static class SharedFolder
{
    /// <summary>
    /// The folder ../shared/<paramref name="name"/> next to the checkout, checked to hold <paramref name="mustContain"/>;
    /// throws (never skips) when it is missing.
    /// </summary>
    public static string Find(string name, string mustContain)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RocketMQ.Go.Port.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", name));
                if (Path.Exists(Path.Combine(folder, mustContain)))
                {
                    return folder;
                }

                throw new DirectoryNotFoundException($"{mustContain} not found in {folder}: shared/ must sit beside the repository");
            }
        }

        throw new DirectoryNotFoundException("repository root (RocketMQ.Go.Port.sln) not found above " + AppContext.BaseDirectory);
    }
}
