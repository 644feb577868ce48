using Microsoft.Extensions.Options;
using Submissions.Application.OptOut;
using Submissions.Domain.Links;
using Submissions.Domain.Privacy;

namespace Submissions.Application.Links;

/// <summary>
/// The signed, expiring links the app puts in mail, all under <c>{OptOut:PublicBaseUrl}/api/</c>: confirm a
/// submission, open the preference centre, confirm a privacy request, download an access bundle. Each purpose signs
/// with its own key derived from the pepper, so no link works for another purpose.
/// </summary>
public sealed class SignedLinks(IReadOnlyDictionary<LinkPurpose, LinkTokenSigner> signers, IOptions<OptOutOptions> options)
{
    public const string TokenParameter = "token";

    private readonly string api = options.Value.PublicBaseUrl.TrimEnd('/') + "/api/";

    public LinkTokenSigner Signer(LinkPurpose purpose) => signers[purpose];

    /// <summary>The link for a UUID id (confirmation, privacy request): <c>{base}/api/{route}?token=</c>.</summary>
    public Uri For(LinkPurpose purpose, string route, string id, DateTimeOffset expiresAt) =>
        Build(route, Signer(purpose).Issue(Guid.ParseExact(id, "N").ToByteArray(), expiresAt));

    /// <summary>The preference centre link of a person.</summary>
    public Uri Preferences(SubjectKey subject, DateTimeOffset expiresAt) =>
        Build(PreferencesRoute, Signer(LinkPurpose.Preferences).Issue(Convert.FromHexString(subject.Value), expiresAt));

    public const string ConfirmRoute = "confirm";
    public const string PreferencesRoute = "preferences";

    private Uri Build(string route, string token) => new($"{api}{route}?{TokenParameter}={Uri.EscapeDataString(token)}", UriKind.Absolute);
}
