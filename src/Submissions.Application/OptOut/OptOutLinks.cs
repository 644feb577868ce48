using Microsoft.Extensions.Options;
using Submissions.Domain.OptOut;
using Submissions.Domain.Privacy;

namespace Submissions.Application.OptOut;

/// <summary>
/// What a mail sender calls for every mail it sends: a signed opt-out link for the recipient and scope, at
/// <c>{OptOut:PublicBaseUrl}/api/opt-out?token=…</c>, with its List-Unsubscribe headers. Touches no storage and
/// logs nothing; the email is turned into its subject key at once and kept nowhere.
/// </summary>
public sealed class OptOutLinks(OptOutTokenSigner signer, SubjectKeyHasher subjectKeys, IOptions<OptOutOptions> options, TimeProvider time)
{
    /// <summary>The function's route under the host's <c>api</c> prefix.</summary>
    public const string Path = "/api/opt-out";

    private readonly string endpoint = options.Value.PublicBaseUrl.TrimEnd('/') + Path;

    /// <exception cref="ArgumentException">The email is empty.</exception>
    public OptOutLink For(string email, OptOutScope scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return For(subjectKeys.For(email), scope);
    }

    /// <exception cref="ArgumentException">The subject key is not 64 lower-case hex characters.</exception>
    public OptOutLink For(SubjectKey subject, OptOutScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Link(signer.Issue(subject, scope, time.GetUtcNow()));
    }

    /// <summary>
    /// The link a lead carries for the partner to put in its own mails: one click stops sharing with that partner. Its
    /// token is sealed (<see cref="OptOutTokenSigner.IssueSealed"/>), so partners receive no identifier of the person,
    /// and the same for every attempt of one delivery.
    /// </summary>
    public OptOutLink ForPartnerLead(SubjectKey subject, string partnerId, DateTimeOffset issuedAt, string deliveryId) =>
        Link(signer.IssueSealed(subject, OptOutScope.Partner(partnerId), issuedAt, deliveryId));

    private OptOutLink Link(string token)
    {
        var url = new Uri($"{endpoint}?{OptOutHandler.TokenParameter}={Uri.EscapeDataString(token)}", UriKind.Absolute);
        return new OptOutLink(url, $"<{url.AbsoluteUri}>", OptOutLink.OneClick);
    }
}
