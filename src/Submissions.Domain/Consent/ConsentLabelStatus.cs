namespace Submissions.Domain.Consent;

/// <summary>Wire and storage values of a label version's status.</summary>
public static class ConsentLabelStatus
{
    /// <summary>The version forms show and submissions must answer.</summary>
    public const string Active = "active";

    /// <summary>Superseded by a newer version, or withdrawn from use. Still readable; no longer answerable.</summary>
    public const string Retired = "retired";

    public static bool IsKnown(string? status) => status is Active or Retired;
}
