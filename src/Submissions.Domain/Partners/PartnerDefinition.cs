namespace Submissions.Domain.Partners;

/// <summary>
/// What an admin PUTs for a partner. The signing secret is deliberately not part of it: it comes from configuration
/// (Key Vault in Azure), so a request can neither set nor read it.
/// </summary>
public sealed record PartnerDefinition(string? Name, string? WebhookUrl, IReadOnlyList<string>? Fields, bool? Active, string? SigningSecret);
