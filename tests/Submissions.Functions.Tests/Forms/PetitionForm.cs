using Submissions.Application.Forms;
using Submissions.Domain.Consent;
using Submissions.Storage.Forms;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// A fifth form, defined in test code only: a petition, signed with an email and a name. Its signatures live in their
/// own table, one partition per petition; the person's index rows point at them as "signature" records. Everything
/// the app does across forms reaches it through this one registration.
/// </summary>
public static class PetitionForm
{
    public const string Kind = "petition";
    public const string RecordKind = "signature";
    public const string Table = "Petitions";
    public const string AccessSection = "signatures";
    public const string ErasureCount = "signatures";
    public const string ExportKind = "signatures";
    public const string PurgeKind = "expired-signatures";

    /// <summary>A signature is kept this long, then the retention purge removes it.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    /// <summary>
    /// The one consent the petition asks for. The admin API takes labels only for the four built-in form kinds
    /// (FormKind.All), so the tests put it in the label store directly, as the demo seed does.
    /// </summary>
    public static ConsentLabel Terms { get; } = new(
        "petition-terms", 1, ConsentPurpose.Terms, "Add my name to this petition.", Required: true, [Kind], ["email", "name"], null, ConsentLabelStatus.Active, DateTimeOffset.UnixEpoch);

    public static FormRegistration Registration { get; } = new(new FormStorage(Kind, RecordKind, [Table]))
    {
        Access = new FormAccessSection(AccessSection, SignatureView.From),
        ErasureCount = ErasureCount,
        Exports = [FormRegistration.Create<SignatureExport>()],
        Purges = [FormRegistration.Create<ExpiredSignaturePurge>()],
    };
}
