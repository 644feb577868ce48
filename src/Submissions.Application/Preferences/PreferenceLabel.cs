namespace Submissions.Application.Preferences;

/// <summary>
/// One label a person answered, as the preference centre shows it: the exact text of the version their standing answer
/// rests on, that answer (<c>granted</c>, <c>declined</c>, <c>withdrawn</c>) and when it was given, and what they may
/// change here. <see cref="GrantText"/> is the current wording a grant would agree to, when it differs from the one answered.
/// </summary>
public sealed record PreferenceLabel(
    string LabelId,
    int Version,
    string Purpose,
    string? PartnerId,
    string? Text,
    string State,
    DateTimeOffset AnsweredAt,
    DateTimeOffset? ConfirmedAt,
    bool CanWithdraw,
    bool CanGrant,
    string? GrantText);
