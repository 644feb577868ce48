namespace Submissions.Application.Http;

/// <summary>Bound from "Forms".</summary>
public sealed class FormOptions
{
    public const string SectionName = "Forms";

    /// <summary>Largest accepted form body. A registration with every field at its limit is under 8 KiB.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Largest accepted admin body (a consent label text is up to 4,000 characters).</summary>
    public int MaxAdminBodyBytes { get; set; } = 64 * 1024;

    /// <summary>What a 503 tells clients to wait before retrying.</summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
