namespace Submissions.Testing;

/// <summary>Where the repository is, found from the running binaries (shared by the tests and the benchmarks).</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the binaries that holds the solution file.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Submissions.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Could not find Submissions.Functions.sln above " + AppContext.BaseDirectory);
    }
}
