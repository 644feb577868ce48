namespace Submissions.Application.Preferences;

/// <summary>The JSON answer to a change in the preference centre: <c>updated</c> or <c>unchanged</c>, and the choices as they stand.</summary>
public sealed record PreferencesResponse(
    string Status,
    IReadOnlyList<PreferenceLabel> Labels,
    IReadOnlyList<string> Withdrawn,
    IReadOnlyList<string> Granted,
    IReadOnlyList<string> ReceiptIds);
