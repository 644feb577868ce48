using System.Buffers.Text;
using System.Text;
using CsCheck;
using Submissions.Domain.OptOut;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Hostile route values, query strings, tokens and headers for the public GETs and the opt-out link.</summary>
public static class ReadCases
{
    /// <summary>
    /// Route values: valid ids first, then what the id rules must refuse before anything reaches a table key. Ids are
    /// not personal data (a valid one reaches storage, and the storage client logs its requests), so no marker here.
    /// </summary>
    private static IReadOnlyList<string> HostileIds(string unique) =>
    [
        "a1", "x-" + unique, new string('a', 64), new string('a', 65), new string('a', 128), new string('a', 129), new string('a', 5000),
        "", " ", ".", "..", "-a", "a/b", "a%2Fb", "a\\b", "a#b", "a?b", "a'b", "a\"b", "A-Upper", "a b", "a\u0000b", "a\tb", "p\u00E1gina",
        "a\u202Eb", "a\u200Bb", "\uD800", "a.b_c-d", "CON", "$metadata", "'", "''", "*",
        .. HostilePayloads.OData, .. HostilePayloads.Sql.Take(3), .. HostilePayloads.Html.Take(2),
    ];

    public static Gen<FuzzCase> PageComments(FuzzWorld world) => new DrawGen<FuzzCase>(draw =>
    {
        var marker = FormTemplates.NewMarker(draw);
        var category = draw.Pick("route", "paging", "continuation-token", "headers");
        var builder = new CaseBuilder(FuzzEndpoint.PageComments, category, marker) { ContentType = null, Route = draw.PickFrom(FuzzWorld.Pages) };
        switch (category)
        {
            case "route":
                builder.Route = draw.PickFrom(HostileIds(draw.Id(6, 12)));
                break;
            case "paging":
                builder.Query = "?pageSize=" + Uri.EscapeDataString(draw.Pick(
                    "1", "100", "", "0", "-1", "101", "1e2", "0x10", " 5", "5 ", "+5", "05", "\u0665", "5.0", "99999999999", "NaN", "1&pageSize=2", marker));
                break;
            case "continuation-token":
                builder.Query = "?pageSize=1&continuationToken=" + Uri.EscapeDataString(ContinuationToken(draw, world, marker));
                break;
            default:
                builder.HostileHeaderSet(draw);
                builder.Query = draw.Pick<string?>(null, "?", "?&&", "?continuationToken", "?pageSize", "?%", "?a=%ZZ");
                break;
        }

        return builder.Build();
    });

    /// <summary>Real tokens, tampered ones, and base64url of anything printable (the wrapper's check lets those through).</summary>
    private static string ContinuationToken(Draw draw, FuzzWorld world, string marker)
    {
        var real = world.ContinuationTokens.Count > 0 ? draw.PickFrom(world.ContinuationTokens) : "eA";
        static string Wrap(string storageToken) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storageToken));
        var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(real));
        return draw.Between(0, 11) switch
        {
            0 => real,
            1 => real[..^1],
            2 => real + "A",
            3 => real.Length > 2 ? real[..2] + (real[2] == 'A' ? 'B' : 'A') + real[3..] : real,
            4 => Wrap(decoded + " extra"),
            5 => Wrap(decoded.Replace(' ', '\'')),
            6 => Wrap(draw.Pick("x", " ", "a b c", "1!8!abc 1!8!def", "' or PartitionKey ne '", "$filter=x", "~ ~", "%00 %00", "\\ \\")),
            7 => Wrap(new string('x', 1500)),
            8 => new string('A', 2049),
            9 => draw.Pick("%%%", "a=b", "====", "ab+/", "\u00E9", " ", marker),
            10 => Wrap(draw.From(Gen.String[Gen.Char[' ', '~'], 1, 200])),
            _ => Wrap(decoded.Split(' ')[0] + " " + Wrap(marker)),
        };
    }

    public static Gen<FuzzCase> PollResults() => new DrawGen<FuzzCase>(draw =>
    {
        var marker = FormTemplates.NewMarker(draw);
        var category = draw.Pick("route", "headers");
        var builder = new CaseBuilder(FuzzEndpoint.PollResults, category, marker) { ContentType = null, Route = draw.Chance(70) ? draw.PickFrom(FuzzWorld.OpenPolls) : FuzzWorld.ClosedPoll };
        if (category == "route")
        {
            builder.Route = draw.PickFrom(HostileIds(draw.Id(6, 12)));
        }
        else
        {
            builder.HostileHeaderSet(draw);
        }

        return builder.Build();
    });

    /// <summary>The promotions a GET may find: running ones, the ended one and the future one.</summary>
    public static IReadOnlyList<string> KnownPromotions { get; } = [.. FuzzWorld.OpenPromotions, FuzzWorld.EndedPromotion, FuzzWorld.FuturePromotion];

    /// <summary>
    /// GET promotions/{promotionId}: the world's promotions with hostile queries, headers and origins, and ids that
    /// name no promotion (unknown, malformed, or a known one misspelled), none of which may be served.
    /// </summary>
    public static Gen<FuzzCase> Promotion() => new DrawGen<FuzzCase>(draw =>
    {
        var marker = FormTemplates.NewMarker(draw);
        var category = draw.Pick("known", "route", "query", "headers", "origin");
        var builder = new CaseBuilder(FuzzEndpoint.PromotionGet, category, marker) { ContentType = null, Route = draw.PickFrom(KnownPromotions) };
        switch (category)
        {
            case "known":
                builder.Noise(draw);
                break;
            case "route":
                var known = draw.PickFrom(KnownPromotions);
                builder.Route = draw.PickFrom(
                [
                    known.ToUpperInvariant(), known + " ", " " + known, known + "/", known + "/entries", known + "%00", known + "\u0000",
                    Uri.EscapeDataString(known).Replace("-", "%2D", StringComparison.Ordinal), known + "\u200B", known[..^1], "fuzz-unknown-promotion",
                    .. HostileIds(draw.Id(6, 12)),
                ]);
                builder.Invalid();
                break;
            case "query":
                builder.Query = draw.Pick(
                    "?", "?&&", "?%", "?a=%ZZ", $"?email={marker}%40example.test", $"?{marker}", "?promotionId=" + FuzzWorld.EndedPromotion,
                    "?$filter=PartitionKey%20ne%20''", "?$select=WebhookUrl", "?a=" + new string('x', 4000), "?form=promotion&form=registration");
                break;
            case "headers":
                builder.HostileHeaderSet(draw);
                if (draw.Chance(50))
                {
                    builder.Header("Accept", draw.PickFrom(HostileHeaders.Accepts));
                }

                break;
            default:
                builder.Header("Origin", draw.PickFrom(PreflightCases.Origins(marker)));
                break;
        }

        return builder.Build();
    });

    public static Gen<FuzzCase> ConsentLabels() => new DrawGen<FuzzCase>(draw =>
    {
        var marker = FormTemplates.NewMarker(draw);
        var category = draw.Pick("query", "promotion-id", "headers");
        var builder = new CaseBuilder(FuzzEndpoint.ConsentLabels, category, marker) { ContentType = null };
        var form = Uri.EscapeDataString(draw.Pick("registration", "comment", "poll", "promotion", "", "Registration", "REGISTRATION", "registrations", "admin", " poll", marker, "' or PartitionKey ne '", "\u0000"));
        switch (category)
        {
            case "query":
                builder.Query = draw.Pick<string?>($"?form={form}", $"?form={form}&form=poll", null, "?form", "?Form=poll", $"?form={form}&promotionId=demo-promotion", "?form=%E0%A4%A");
                break;
            case "promotion-id":
                builder.Query = $"?form={draw.Pick("promotion", "registration")}&promotionId=" + Uri.EscapeDataString(draw.PickFrom(
                    [FuzzWorld.OpenPromotion, FuzzWorld.EndedPromotion, "fuzz-unknown-promotion", .. HostileIds(draw.Id(6, 12))]));
                break;
            default:
                builder.Query = "?form=registration";
                builder.HostileHeaderSet(draw);
                break;
        }

        return builder.Build();
    });

    public static Gen<FuzzCase> Health() => new DrawGen<FuzzCase>(draw =>
    {
        var marker = FormTemplates.NewMarker(draw);
        var builder = new CaseBuilder(FuzzEndpoint.Health, "headers", marker) { ContentType = null };
        builder.Query = draw.Pick<string?>(null, "?verbose=true", "?%", $"?{marker}=1", "?a=" + new string('x', 4000));
        return builder.HostileHeaderSet(draw).Build();
    });

    /// <summary>
    /// The preference-centre link, GET (the page) or POST (the page's form, or JSON): tokens valid, tampered, expired
    /// and forged; bodies that withdraw or give, ask what cannot be done there, or are hostile.
    /// </summary>
    public static Gen<FuzzCase> Preferences(FuzzEndpoint endpoint, FuzzWorld world) => new DrawGen<FuzzCase>(draw =>
    {
        ArgumentNullException.ThrowIfNull(world);
        var marker = FormTemplates.NewMarker(draw);
        var category = draw.Pick("valid-token", "tampered-token", "expired-token", "forged-token", "query", "body", "headers");
        var builder = new CaseBuilder(endpoint, category, marker) { ContentType = null };
        if (endpoint == FuzzEndpoint.PreferencesPost)
        {
            var form = draw.Chance(50);
            builder.ContentType = form ? "application/x-www-form-urlencoded" : "application/json";
            builder.WithBody(form
                ? draw.Pick("shown=special-offers", "shown=special-offers&granted=special-offers", "shown=demographics&granted=demographics", "shown=terms", "granted=demo-partner-sharing", "", $"shown={marker}")
                : draw.Pick("{\"labels\":{\"special-offers\":false}}", "{\"labels\":{\"special-offers\":true,\"demographics\":false}}", "{\"labels\":{\"terms\":false}}", "{\"labels\":{}}", "{\"labels\":null}", "{}", $"{{\"labels\":{{\"{marker}\":true}}}}"));
        }

        var subject = world.RegisteredSubjects.Count > 0 && draw.Chance(70) ? draw.PickFrom(world.RegisteredSubjects) : new string(draw.Pick('a', 'b', 'c', '0'), 64);
        var token = world.IssuePreferencesToken?.Invoke(subject, TimeSpan.FromDays(30)) ?? "AQ";
        switch (category)
        {
            case "tampered-token":
                var at = draw.Between(0, token.Length - 1);
                var tampered = draw.Between(0, 3) switch
                {
                    0 => token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..],
                    1 => token[..at],
                    2 => token + draw.Pick("A", "=", "%20"),
                    _ => token.Replace('-', '+').Replace('_', '/'),
                };
                builder.Invalid(tampered != token);
                token = tampered;
                break;
            case "expired-token":
                builder.Invalid();
                token = world.IssuePreferencesToken?.Invoke(subject, TimeSpan.FromSeconds(-draw.Between(0, 100_000))) ?? token;
                break;
            case "forged-token":
                builder.Invalid();
                token = draw.Pick("", "A", new string('A', 98), new string('A', 5000), marker, "' or PartitionKey ne '",
                    Base64Url.EncodeToString([1, .. new byte[32], .. new byte[8], .. new byte[32]]), Base64Url.EncodeToString(draw.From(Gen.Byte.Array[0, 150])));
                break;
            case "query":
                builder.Query = draw.Pick($"?token={Uri.EscapeDataString(token)}&token={Uri.EscapeDataString(token)}", "?token=", "?", null, $"?token={Uri.EscapeDataString(token)}&extra={marker}");
                break;
            case "body":
                builder.WithBody(draw.Pick("", "{\"a\":1}", $"email={marker}%40example.test", "{\"labels\":[1]}", new string('x', 100_000)));
                builder.ContentType = draw.PickFrom(HostileHeaders.ContentTypes);
                break;
            case "headers":
                builder.HostileHeaderSet(draw);
                break;
        }

        builder.Query ??= "?token=" + Uri.EscapeDataString(token);
        if (draw.Chance(40))
        {
            builder.Header("Accept", draw.PickFrom(HostileHeaders.Accepts));
        }

        return builder.Build();
    });

    /// <summary>The one-click opt-out link, GET (confirmation page) or POST (RFC 8058): tokens valid, tampered and forged.</summary>
    public static Gen<FuzzCase> OptOut(FuzzEndpoint endpoint, FuzzWorld world) => new DrawGen<FuzzCase>(draw =>
    {
        ArgumentNullException.ThrowIfNull(world);
        var marker = FormTemplates.NewMarker(draw);
        var category = draw.Pick("valid-token", "tampered-token", "forged-token", "query", "body", "headers");
        var builder = new CaseBuilder(endpoint, category, marker) { ContentType = endpoint == FuzzEndpoint.OptOutPost ? "application/x-www-form-urlencoded" : null };
        if (endpoint == FuzzEndpoint.OptOutPost)
        {
            builder.WithBody("List-Unsubscribe=One-Click");
        }

        var subject = world.RegisteredSubjects.Count > 0 && draw.Chance(70) ? draw.PickFrom(world.RegisteredSubjects) : new string(draw.Pick('a', 'b', 'c', '0'), 64);
        var scope = draw.Chance(60) ? OptOutScope.SpecialOffers : OptOutScope.Partner(draw.Pick("demo-partner", "fuzz-unknown-partner", "zz"));
        var token = world.IssueOptOutToken?.Invoke(subject, scope, TimeSpan.Zero) ?? "AQ";
        switch (category)
        {
            case "valid-token":
                break;
            case "tampered-token":
                var original = token;
                var at = draw.Between(0, token.Length - 1);
                token = draw.Between(0, 6) switch
                {
                    0 => token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..],
                    1 => token[..at],
                    2 => token + draw.Pick("A", "=", "==", " ", "%20"),
                    3 => token.ToUpperInvariant(),
                    4 => token.Replace('-', '+').Replace('_', '/'),
                    5 => world.IssueOptOutToken?.Invoke(subject, scope, TimeSpan.FromMinutes(draw.Pick(6, 60 * 24 * 365))) ?? token,
                    _ => " " + token,
                };

                // A token has one spelling: any change (or an issue time beyond the tolerance) must be refused.
                builder.Invalid(token != original);
                break;
            case "forged-token":
                builder.Invalid();
                token = draw.Pick(
                    "", "A", "AQ", new string('A', 200), new string('A', 5000), marker, "' or PartitionKey ne '", "%00",
                    Base64Url.EncodeToString([1, .. new byte[32], .. new byte[8], .. "special-offers"u8, .. new byte[32]]),
                    Base64Url.EncodeToString([2, .. new byte[72]]),
                    Base64Url.EncodeToString(draw.From(Gen.Byte.Array[0, 150])));
                break;
            case "query":
                builder.Query = draw.Pick(
                    $"?token={Uri.EscapeDataString(token)}&token={Uri.EscapeDataString(token)}", "?token=", "?token", "?", null, "?Token=" + Uri.EscapeDataString(token),
                    "?token=%ZZ", $"?token={Uri.EscapeDataString(token)}&extra={marker}", "?token=" + new string('A', 3000));
                return builder.Build();
            case "body":
                builder.WithBody(draw.Pick("", "List-Unsubscribe=One-Click&List-Unsubscribe=One-Click", "{\"a\":1}", $"email={marker}%40example.test", new string('x', 100_000)));
                builder.ContentType = draw.PickFrom(HostileHeaders.ContentTypes);
                if (draw.Chance(30))
                {
                    builder.Body = [.. builder.Body, 0xC3, 0x28, 0xFF];
                }

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
}
