namespace Submissions.Storage.Subjects;

/// <summary>The member fields a registration stores. Demographic fields are already null unless consented.</summary>
public sealed record MemberRecord(
    string Email,
    string DisplayName,
    string? Language,
    string? Country,
    string? AgeRange,
    string? Gender);

public abstract record RegistrationSaveResult
{
    private RegistrationSaveResult()
    {
    }

    /// <summary>Stored. <paramref name="NewMember"/> is false when the email was already registered.</summary>
    public sealed record Saved(string MemberId, bool NewMember, StoredResponse Response) : RegistrationSaveResult;

    /// <summary>A retry of a request that was already stored: the first response, nothing written.</summary>
    public sealed record Replayed(StoredResponse Response) : RegistrationSaveResult;

    /// <summary>The Idempotency-Key was used before with a different body.</summary>
    public sealed record KeyReused : RegistrationSaveResult;
}
