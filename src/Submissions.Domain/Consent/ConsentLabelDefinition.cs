using Submissions.Domain.Validation;

namespace Submissions.Domain.Consent;

/// <summary>What an admin PUTs to create a label or a new version of it.</summary>
public sealed record ConsentLabelDefinition(
    string? Purpose,
    string? Text,
    bool? Required,
    IReadOnlyList<string>? Forms,
    IReadOnlyList<string>? Fields,
    string? Partner,
    [property: RefuseNull] string? Status);
