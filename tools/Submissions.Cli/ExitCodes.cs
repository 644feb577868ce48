namespace Submissions.Cli;

/// <summary>The process exit codes (docs/admin-cli.md lists them): scripts branch on these, not on the wording.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An answer the tool did not expect, or an error not covered below.</summary>
    public const int Failed = 1;

    /// <summary>Wrong arguments, an unreadable input file, or a 400/413/415/422 from the API (a field error, say).</summary>
    public const int InvalidInput = 2;

    /// <summary>No usable sign-in or function key: 401/403, or the credential could not get a token.</summary>
    public const int NotAuthorized = 3;

    /// <summary>404: no such comment, delivery, partner, job or route.</summary>
    public const int NotFound = 4;

    /// <summary>409: a concurrent change, a closed poll, an export job not ready.</summary>
    public const int Conflict = 5;

    /// <summary>The server or storage was unavailable (5xx, 429) or the connection broke: try again; an export resumes.</summary>
    public const int Unavailable = 6;

    /// <summary>Ctrl+C: the conventional 128 + SIGINT.</summary>
    public const int Cancelled = 130;

    public static int ForStatus(int status) => status switch
    {
        400 or 413 or 415 or 422 => InvalidInput,
        401 or 403 => NotAuthorized,
        404 or 410 => NotFound,
        409 => Conflict,
        429 or >= 500 => Unavailable,
        _ => Failed,
    };
}
