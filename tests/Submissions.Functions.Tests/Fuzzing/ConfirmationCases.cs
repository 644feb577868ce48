using System.Buffers.Text;
using CsCheck;
using Submissions.Domain.OptOut;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// The confirmation link of a confirmation mail, GET (the page) or POST (confirms): tokens genuine, expired, tampered,
/// forged and of another link's purpose. No token names a submission that waits (the genuine ones name fresh ids), so
/// a POST never confirms anything: every POST must be refused (400 or 410) and store nothing; a GET changes nothing
/// and shows the page only for a genuine, unexpired token.
/// </summary>
public static class ConfirmationCases
{
    public static Gen<FuzzCase> Confirmation(FuzzEndpoint endpoint, FuzzWorld world) => new DrawGen<FuzzCase>(draw =>
    {
        ArgumentNullException.ThrowIfNull(world);
        var marker = FormTemplates.NewMarker(draw);
        var category = draw.Pick("valid-token", "expired-token", "tampered-token", "forged-token", "other-purpose", "query", "body", "headers");
        var builder = new CaseBuilder(endpoint, category, marker) { ContentType = endpoint == FuzzEndpoint.ConfirmPost ? "application/x-www-form-urlencoded" : null };

        // Nothing waits under any id drawn here: a POST that is not refused confirmed something that does not exist.
        builder.Invalid(endpoint == FuzzEndpoint.ConfirmPost);
        var id = draw.From(Gen.Byte.Array[16]);
        var token = Issue(world, id, TimeSpan.FromDays(draw.Pick(1, 7)));
        switch (category)
        {
            case "valid-token":
                break;
            case "expired-token":
                builder.Invalid();
                token = Issue(world, id, -TimeSpan.FromSeconds(draw.Pick(0, 1, 3600, 86_400 * 8)));
                break;
            case "tampered-token":
                var original = token;
                token = Tampered(draw, token);
                builder.Invalid(token != original);
                break;
            case "forged-token":
                builder.Invalid();
                token = draw.Pick(
                    "", "A", "AQ", new string('A', 76), new string('A', 75), new string('A', 77), new string('A', 5000), marker,
                    "' or PartitionKey ne '", "%00", token + token,
                    Base64Url.EncodeToString([1, .. id, .. new byte[8], .. new byte[32]]),
                    Base64Url.EncodeToString([2, .. id, .. new byte[40]]),
                    Base64Url.EncodeToString([1, .. id, 0x7F, .. new byte[7], .. new byte[32]]),
                    Base64Url.EncodeToString(draw.From(Gen.Byte.Array[0, 120])));
                break;
            case "other-purpose":
                // Signed with the same pepper for another purpose (a privacy request's link names a 16-byte id too):
                // it must not verify here. An opt-out token must not either.
                builder.Invalid();
                token = draw.Chance(60) ? world.IssueOtherPurposeToken?.Invoke(id, TimeSpan.FromDays(1)) ?? "AQ" : world.IssueOptOutToken?.Invoke(new string('a', 64), OptOutScope.SpecialOffers, TimeSpan.Zero) ?? "AQ";
                break;
            case "query":
                builder.Invalid(endpoint == FuzzEndpoint.ConfirmPost);
                var escaped = Uri.EscapeDataString(token);
                var query = draw.Between(0, 8);
                builder.Query = query switch
                {
                    0 => $"?token={escaped}&token={escaped}",
                    1 => "?token=",
                    2 => "?token",
                    3 => "?",
                    4 => null,
                    5 => "?Token=" + escaped,
                    6 => "?token=%ZZ",
                    7 => $"?token={escaped}&extra={marker}",
                    _ => "?token=" + new string('A', 3000),
                };

                // Only a lone genuine token (extra parameters are ignored; "Token" is the same parameter) shows the page.
                builder.Invalid(query is not (5 or 7));
                return builder.Build();
            case "body":
                builder.WithBody(draw.Pick("", "confirm=yes", "{\"confirm\":true}", $"email={marker}%40example.test", new string('x', 100_000)));
                builder.ContentType = draw.PickFrom(HostileHeaders.ContentTypes);
                break;
            default:
                builder.HostileHeaderSet(draw);
                builder.Header("Accept", draw.PickFrom(HostileHeaders.Accepts));
                break;
        }

        builder.Query ??= "?token=" + Uri.EscapeDataString(token);
        if (draw.Chance(30))
        {
            builder.Header("Accept", draw.PickFrom(HostileHeaders.Accepts));
        }

        return builder.Build();
    });

    private static string Issue(FuzzWorld world, byte[] id, TimeSpan validFor) =>
        world.IssueConfirmationToken?.Invoke(id, validFor) ?? "AQ";

    /// <summary>A token has one spelling: any change must be refused.</summary>
    private static string Tampered(Draw draw, string token)
    {
        var at = draw.Between(0, token.Length - 1);
        return draw.Between(0, 5) switch
        {
            0 => token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..],
            1 => token[..at],
            2 => token + draw.Pick("A", "=", "==", " ", "%20"),
            3 => token.ToUpperInvariant(),
            4 => token.Replace('-', '+').Replace('_', '/'),
            _ => " " + token,
        };
    }
}
