namespace Submissions.Application.Confirmations;

/// <summary>Bound from "Confirmation" (app setting Confirmation__ExpiryDays).</summary>
public sealed class ConfirmationOptions
{
    public const string SectionName = "Confirmation";

    /// <summary>How long a submission waits for its owner's confirmation (and its link stays valid) before the retention purge removes it.</summary>
    public int ExpiryDays { get; set; } = 7;

    /// <summary>How long a preference-centre link in a mail stays valid.</summary>
    public int PreferenceLinkDays { get; set; } = 30;
}
