namespace Submissions.Application.Subjects;

/// <summary>A consent a disclosure rested on: the label version (its text is in the catalog) and the receipt that recorded it.</summary>
public sealed record DisclosedConsent(string LabelId, int Version, string ReceiptId);
