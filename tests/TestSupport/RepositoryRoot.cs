namespace GruPedalPi.TestSupport;

/// <summary>The clone the tests run from: the folder above the test binaries that holds GruPedalPi.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository's root folder.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "GruPedalPi.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException($"no GruPedalPi.sln above {AppContext.BaseDirectory}");
    }
}
