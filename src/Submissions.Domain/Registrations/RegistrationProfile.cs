namespace Submissions.Domain.Registrations;

/// <summary>
/// Optional profile. <see cref="Language"/> is a preference; country, age range and gender are demographic and are
/// stored only when the demographics consent is granted.
/// </summary>
public sealed record RegistrationProfile(string? Language, string? Country, string? AgeRange, string? Gender)
{
    public static IReadOnlyList<string> AgeRanges { get; } = ["under-18", "18-24", "25-34", "35-44", "45-54", "55-64", "65-plus"];

    public bool HasDemographics => Country is not null || AgeRange is not null || Gender is not null;

    public RegistrationProfile WithoutDemographics() => this with { Country = null, AgeRange = null, Gender = null };
}
