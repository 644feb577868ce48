namespace Submissions.Application.Partners;

/// <summary>
/// Where a partner's configuration lives: <c>Partners__{key}__SigningSecret</c>, where the key is the partner id with
/// each dash written as an underscore. App Service allows only letters, digits, '.' and '_' in app setting names, and
/// partner ids never contain '_', so the key names exactly one partner.
/// </summary>
public static class PartnerSettings
{
    public const string SectionName = "Partners";

    private static string Key(string partnerId)
    {
        ArgumentNullException.ThrowIfNull(partnerId);
        return partnerId.Replace('-', '_');
    }

    /// <summary>The configuration path of a partner's Standard Webhooks secret (<c>whsec_…</c>, from Key Vault in Azure).</summary>
    public static string SigningSecret(string partnerId) => $"{SectionName}:{Key(partnerId)}:SigningSecret";

    /// <summary>The configuration path of a partner's webhook URL; read only to seed the local demo partner.</summary>
    public static string WebhookUrl(string partnerId) => $"{SectionName}:{Key(partnerId)}:WebhookUrl";
}
