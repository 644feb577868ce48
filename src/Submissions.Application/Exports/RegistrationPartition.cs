using Submissions.Domain.Privacy;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// The one person's partition the registrations export holds at a time: their member row (when registered in range)
/// and, per registration label, the newest record of their own ledger. Written out when the partition ends.
/// </summary>
internal sealed class RegistrationPartition(IReadOnlyList<string> labelIds, MemberLinks links)
{
    private readonly RegistrationExportRecord?[] newest = new RegistrationExportRecord?[labelIds.Count];
    private RegistrationExportRecord? member;

    /// <summary>The person whose rows are being gathered.</summary>
    public string? SubjectKey { get; private set; }

    public void Start(string subjectKey)
    {
        SubjectKey = subjectKey;
        member = null;
        Array.Clear(newest);
    }

    public void Add(RegistrationExportRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.IsMember)
        {
            member = row;
            return;
        }

        // Ledger keys put the newest record of a label first, but RecordedAt decides, not the order rows arrive in.
        for (var i = 0; i < labelIds.Count; i++)
        {
            if (row.LabelId == labelIds[i] && (newest[i] is not { } found || found.RecordedAt < row.RecordedAt))
            {
                newest[i] = row;
            }
        }
    }

    /// <summary>Writes the member with their effective consents; 0 when the partition had no member in range.</summary>
    public int WriteTo(ExportRowWriter writer)
    {
        if (member is null || SubjectKey is null)
        {
            return 0;
        }

        var memberLinks = MemberLinks.IsWellFormed(SubjectKey) ? links.For(new SubjectKey(SubjectKey)) : default;

        writer.BeginRow();
        writer.Text(member.MemberId);
        writer.Text(member.Email);
        writer.Text(member.DisplayName);
        writer.Text(member.Language);
        writer.Text(member.Country);
        writer.Text(member.AgeRange);
        writer.Text(member.Gender);
        writer.Time(member.RegisteredAt);
        writer.Time(member.UpdatedAt);
        writer.Number(member.RegistrationCount);
        writer.Text(memberLinks.OptOut?.Url.AbsoluteUri);
        writer.Text(memberLinks.Preferences?.AbsoluteUri);
        foreach (var record in newest)
        {
            writer.Text(record is { Granted: { } granted } ? ConsentStates.Of(granted, record.Form) : null);
        }

        writer.EndRow();
        return 1;
    }
}
