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

    /// <summary>
    /// The confirm link of a pending submission. Its id names where the submission is stored (issue 18), so the link
    /// carries it whole (<see cref="LinkPurpose.ConfirmationAt"/>); an id written before, a bare UUID, gets the link
    /// those submissions were mailed with (<see cref="LinkPurpose.Confirmation"/>, found by its pointer row).
    /// </summary>
    public Uri Confirm(string confirmationId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(confirmationId);
        if (confirmationId.Length == 32)
        {
            return For(LinkPurpose.Confirmation, ConfirmRoute, confirmationId, expiresAt);
        }

        var id = new byte[LinkPurpose.ConfirmationAt.IdLength];
        System.Text.Encoding.ASCII.GetBytes(confirmationId, id);
        return Build(ConfirmRoute, Signer(LinkPurpose.ConfirmationAt).Issue(id, expiresAt));
    }

    /// <summary>The confirmation id a confirm link's token names, with its expiry; null for anything but a valid confirm link of either format.</summary>
    public (string ConfirmationId, LinkClaim Claim)? ReadConfirmation(string? token)
    {
        if (Signer(LinkPurpose.ConfirmationAt).Read(token) is { } claim)
        {
            return claim.IdAsPaddedText() is { } id ? (id, claim) : null;
        }

        return Signer(LinkPurpose.Confirmation).Read(token) is { } legacy ? (legacy.IdAsGuidText(), legacy) : null;
    }

    /// <summary>The preference centre link of a person.</summary>
    public Uri Preferences(SubjectKey subject, DateTimeOffset expiresAt) =>
        Build(PreferencesRoute, Signer(LinkPurpose.Preferences).Issue(Convert.FromHexString(subject.Value), expiresAt));

    public const string ConfirmRoute = "confirm";
    public const string PreferencesRoute = "preferences";

    private Uri Build(string route, string token) => new($"{api}{route}?{TokenParameter}={Uri.EscapeDataString(token)}", UriKind.Absolute);
}
