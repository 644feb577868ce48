namespace Submissions.Functions.Tests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds the solution file.</summary>
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
