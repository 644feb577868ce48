namespace Submissions.Cli.Output;

/// <summary>
/// A file of personal data: written next to its final name and renamed when complete (never a half-written file under
/// the final name), readable by its owner only where the platform allows.
/// </summary>
internal static class PrivateFile
{
    public static async Task WriteAsync(FileInfo file, string text, CancellationToken cancellationToken)
    {
        var partial = file.FullName + ".partial";
        await File.WriteAllTextAsync(partial, text, cancellationToken);
        RestrictToOwner(partial);
        File.Move(partial, file.FullName, overwrite: true);
    }

    public static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
