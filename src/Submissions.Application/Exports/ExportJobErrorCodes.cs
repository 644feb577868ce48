namespace Submissions.Application.Exports;

/// <summary>Why an export job failed, as its status shows: stable codes, never an exception's text.</summary>
public static class ExportJobErrorCodes
{
    /// <summary>Storage failed the export (reading rows or writing the file); the queue retries the job.</summary>
    public const string StorageUnavailable = "storage-unavailable";

    /// <summary>The job names a kind or format this app no longer exports; not retried.</summary>
    public const string UnknownKind = "unknown-kind";

    /// <summary>Anything else; the queue retries the job, and the log has the exception type.</summary>
    public const string ExportFailed = "export-failed";
}
