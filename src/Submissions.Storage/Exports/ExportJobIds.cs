namespace Submissions.Storage.Exports;

/// <summary>
/// An export job's id: a random GUID as 32 lower-case hex digits. It is the job's partition key, its blob's name and its
/// queue message, so it carries nothing but itself.
/// </summary>
public static class ExportJobIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid(string? jobId) =>
        jobId is { Length: 32 } && jobId.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
