namespace Submissions.Storage.Subjects;

/// <summary>What a pending registration keeps besides the email and display name (its DataJson). Demographics are already null unless consented.</summary>
public sealed record RegistrationData(string? Language, string? Country, string? AgeRange, string? Gender)
{
    // It holds a person's values: printed, it shows none of them.
    public override string ToString() => nameof(RegistrationData);
}
