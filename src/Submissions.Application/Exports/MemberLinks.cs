using Microsoft.Extensions.Options;
using Submissions.Application.Confirmations;
using Submissions.Application.Links;
using Submissions.Application.OptOut;
using Submissions.Domain.OptOut;
using Submissions.Domain.Privacy;

namespace Submissions.Application.Exports;

/// <summary>
/// A member's signed links for mail an external service sends them: the one-click opt-out of special offers (with its
/// RFC 8058 headers) and the preference centre (valid <see cref="ConfirmationOptions.PreferenceLinkDays"/> from now).
/// Computed, never stored; touches no storage.
/// </summary>
public sealed class MemberLinks(OptOutLinks optOut, SignedLinks links, IOptions<ConfirmationOptions> options, TimeProvider time)
{
    /// <summary>Whether a stored subject key can carry links (64 lower-case hex): a row written otherwise gets none, and the export goes on.</summary>
    public static bool IsWellFormed(string subjectKey) =>
        subjectKey.Length == 64 && subjectKey.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public (OptOutLink OptOut, Uri Preferences, DateTimeOffset PreferencesExpireAt) For(SubjectKey subject)
    {
        var expiresAt = time.GetUtcNow().AddDays(options.Value.PreferenceLinkDays);
        return (optOut.For(subject, OptOutScope.SpecialOffers), links.Preferences(subject, expiresAt), expiresAt);
    }
}
