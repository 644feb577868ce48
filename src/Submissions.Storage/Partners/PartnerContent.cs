namespace Submissions.Storage.Partners;

/// <summary>What an admin sets on a partner: its name, its webhook, the fields it may receive, whether it receives any.</summary>
public sealed record PartnerContent(string Name, string WebhookUrl, IReadOnlyList<string> Fields, bool Active);
