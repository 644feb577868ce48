namespace Submissions.Application.Preferences;

/// <summary>A script's change: <c>{ "labels": { "special-offers": false } }</c>. Labels left out stay as they are.</summary>
public sealed record PreferenceChangeRequest(IReadOnlyDictionary<string, bool>? Labels);
