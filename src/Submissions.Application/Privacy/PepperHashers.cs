using System.Text;
using Microsoft.Extensions.Options;
using Submissions.Domain.Links;
using Submissions.Domain.OptOut;
using Submissions.Domain.Privacy;

namespace Submissions.Application.Privacy;

/// <summary>Builds the keyed hashers from the configured pepper; each derives its own purpose-bound key from it.</summary>
public static class PepperHashers
{
    /// <summary>
    /// Used only in Development when no pepper is configured (the validator refuses this anywhere else), so a
    /// fresh checkout runs without secrets. Keys made with it are worthless outside a laptop.
    /// </summary>
    public const string DevelopmentPepper = "development-only-pepper-never-used-outside-development";

    public static SubjectKeyHasher SubjectKeys(IOptions<PrivacyOptions> options) => new(Pepper(options));

    public static DailyClientHasher DailyClients(IOptions<PrivacyOptions> options) => new(Pepper(options));

    public static VoterKeyHasher VoterKeys(IOptions<PrivacyOptions> options) => new(Pepper(options));

    public static PayloadFingerprinter PayloadFingerprints(IOptions<PrivacyOptions> options) => new(Pepper(options));

    public static AuditReferenceHasher AuditReferences(IOptions<PrivacyOptions> options) => new(Pepper(options));
    public static OptOutTokenSigner OptOutTokens(IOptions<PrivacyOptions> options) => new(Pepper(options));

    /// <summary>One signer per link purpose, each with its own key.</summary>
    public static IReadOnlyDictionary<LinkPurpose, LinkTokenSigner> LinkTokens(IOptions<PrivacyOptions> options)
    {
        var pepper = Pepper(options);
        return new[] { LinkPurpose.Confirmation, LinkPurpose.ConfirmationAt, LinkPurpose.Preferences, LinkPurpose.PrivacyRequest, LinkPurpose.AccessDownload }
            .ToDictionary(purpose => purpose, purpose => new LinkTokenSigner(pepper, purpose));
    }

    public static IdempotencyFingerprinter IdempotencyFingerprints(IOptions<PrivacyOptions> options) => new(Pepper(options));

    private static byte[] Pepper(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pepper = options.Value.SubjectKeyPepper;
        return Encoding.UTF8.GetBytes(string.IsNullOrEmpty(pepper) ? DevelopmentPepper : pepper);
    }
}
