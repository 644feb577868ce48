namespace Submissions.Cli.Output;

/// <summary>
/// A file of personal data: created readable by its owner only from its first byte (never world-readable for a
/// moment), never through a symbolic link someone placed under its name, written next to its final name and renamed
/// when complete (never a half-written file under the final name), and deleted again when writing it failed.
/// </summary>
internal static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task WriteAsync(FileInfo file, string text, bool overwrite, CancellationToken cancellationToken)
    {
        RefuseLink(file.FullName);
        if (!overwrite && File.Exists(file.FullName))
        {
            throw new CliUsageException($"{file.FullName} exists: add --overwrite to replace it.");
        }

        var partial = file.FullName + ".partial";
        await WriteAllTextAsync(partial, text, cancellationToken);
        File.Move(partial, file.FullName, overwrite);
    }

    /// <summary>Writes a whole private file; a failure deletes what was written.</summary>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = Open(path, FileMode.Create);
            await using var writer = new StreamWriter(stream);
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Writes a whole private file; a failure deletes what was written.</summary>
    public static void WriteAllText(string path, string text)
    {
        try
        {
            using var stream = Open(path, FileMode.Create);
            using var writer = new StreamWriter(stream);
            writer.Write(text);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Opens for writing; a file it creates has mode 0600, one that exists is restricted to 0600 too.</summary>
    public static FileStream Open(string path, FileMode mode)
    {
        RefuseLink(path);
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows() && mode != FileMode.Open)
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var stream = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
        }

        return stream;
    }

    /// <summary>A link under one of our names would send personal data wherever it points.</summary>
    public static void RefuseLink(string path)
    {
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new CliUsageException($"{path} is a symbolic link: refusing to write personal data through it.");
        }
    }
}
