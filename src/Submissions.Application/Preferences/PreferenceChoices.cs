namespace Submissions.Application.Preferences;

/// <summary>Every label a person answered, by label id; none for an unknown or erased person.</summary>
public sealed record PreferenceChoices(IReadOnlyList<PreferenceLabel> Labels)
{
    public bool HoldsNone => Labels.Count == 0;

    public PreferenceLabel? Find(string labelId) => Labels.FirstOrDefault(label => label.LabelId == labelId);
}
