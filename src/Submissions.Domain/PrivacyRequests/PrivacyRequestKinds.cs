namespace Submissions.Domain.PrivacyRequests;

/// <summary>What a person may ask for by themselves: a copy of their data (GDPR Art. 15) or its erasure (Art. 17).</summary>
public static class PrivacyRequestKinds
{
    public const string Access = "access";
    public const string Erasure = "erasure";

    public static IReadOnlyList<string> All { get; } = [Access, Erasure];
}
