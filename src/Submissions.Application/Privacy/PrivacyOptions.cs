namespace Submissions.Application.Privacy;

/// <summary>Bound from "Privacy" (app setting Privacy__SubjectKeyPepper).</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";
    public const int MinPepperLength = 32;

    /// <summary>Secret for subject keys. Comes from Key Vault in Azure; never committed.</summary>
    public string? SubjectKeyPepper { get; set; }
}
