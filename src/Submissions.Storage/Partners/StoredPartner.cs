namespace Submissions.Storage.Partners;

/// <summary>A partner as stored: where its webhooks go, the fields it may receive, whether it is active.</summary>
public sealed record StoredPartner(string PartnerId, string Name, string WebhookUrl, IReadOnlyList<string> FieldList, bool Active);
