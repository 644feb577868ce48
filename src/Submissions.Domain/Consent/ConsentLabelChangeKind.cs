namespace Submissions.Domain.Consent;

public enum ConsentLabelChangeKind
{
    Created,
    NewVersion,
    StatusChanged,
    Unchanged,
}
