using Submissions.Domain.Consent;

namespace Submissions.Application.ConsentLabels;

/// <summary>What a form renders: the exact text and what answering it covers.</summary>
public sealed record FormConsentLabelView(string LabelId, int Version, string Purpose, string Text, bool Required, string? Partner, IReadOnlyList<string> Fields)
{
    public static FormConsentLabelView From(ConsentLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return new(label.LabelId, label.Version, label.Purpose, label.Text, label.Required, label.PartnerId, label.Fields);
    }
}
