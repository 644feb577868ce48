using Submissions.Domain.Consent;

namespace Submissions.Application.ConsentLabels;

/// <summary>An admin's view of one label version, including its status and text hash.</summary>
public sealed record ConsentLabelVersionView(
    string LabelId,
    int Version,
    string Purpose,
    string Text,
    string TextSha256,
    bool Required,
    IReadOnlyList<string> Forms,
    IReadOnlyList<string> Fields,
    string? Partner,
    string Status,
    DateTimeOffset CreatedAt,
    int? RetiredVersion = null)
{
    public static ConsentLabelVersionView From(ConsentLabel label, ConsentLabel? retired = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new(label.LabelId, label.Version, label.Purpose, label.Text, label.TextSha256, label.Required, label.Forms, label.Fields,
            label.PartnerId, label.Status, label.CreatedAt, retired?.Version);
    }
}
