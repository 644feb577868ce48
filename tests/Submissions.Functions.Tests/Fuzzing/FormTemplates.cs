namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// Valid bodies of the four forms, answering the seeded labels, with every personal value carrying the case's marker.
/// The mutations start from these, so they get past the JSON reader and into the validators, the consent evaluator
/// and the stores.
/// </summary>
public static class FormTemplates
{
    /// <summary>Keys whose string values are personal: hostile text goes here with the marker in it.</summary>
    public static IReadOnlySet<string> PersonalKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "email", "displayName", "name", "text", "voterToken", "gender", "answer" };

    /// <summary>Keys whose values are ids or codes checked against a pattern or a catalog.</summary>
    public static IReadOnlySet<string> IdKeys { get; } = new HashSet<string>(StringComparer.Ordinal) { "pageId", "optionId", "labelId", "language", "country", "ageRange" };

    /// <summary>A new marker: letters that are not hex digits, so it cannot turn up inside a key, a hash or a GUID by chance.</summary>
    public static string NewMarker(Draw draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        return "qz" + draw.From(CsCheck.Gen.String[CsCheck.Gen.Char["ghjkmnpqrstvwxyz"], 8, 8]);
    }

    public static string Email(Draw draw, string marker)
    {
        ArgumentNullException.ThrowIfNull(draw);
        return draw.Pick(
            $"{marker}@example.test",
            $"first.{marker}@mail.example.test",
            $"{marker}+tag@example.test",
            $"{marker.ToUpperInvariant()}@Example.TEST",
            $"o'{marker}@example.test");
    }

    /// <summary>A valid body for the form and the route value it is posted to.</summary>
    public static (JsonObjectDraft Body, string? Route) Valid(FuzzEndpoint form, Draw draw, string marker)
    {
        ArgumentNullException.ThrowIfNull(draw);
        return form switch
        {
            FuzzEndpoint.Registrations => (Registration(draw, marker), null),
            FuzzEndpoint.Comments => (Comment(draw, marker), null),
            FuzzEndpoint.Votes => (Vote(draw, marker), draw.Chance(85) ? draw.PickFrom(FuzzWorld.OpenPolls) : draw.Pick(FuzzWorld.ClosedPoll, "fuzz-no-such-poll")),
            FuzzEndpoint.PromotionEntries => (Entry(draw, marker), draw.Chance(85) ? draw.PickFrom(FuzzWorld.OpenPromotions) : draw.Pick(FuzzWorld.EndedPromotion, FuzzWorld.FuturePromotion, "fuzz-no-such-promotion")),
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Not a form."),
        };
    }

    public static JsonObjectDraft Answer(string labelId, bool granted, int version = 1) =>
        new JsonObjectDraft().Add("labelId", labelId).Add("version", new JsonRaw(version.ToString(System.Globalization.CultureInfo.InvariantCulture))).Add("granted", new JsonRaw(granted ? "true" : "false"));

    public static JsonArrayDraft Answers(Draw draw, params (string LabelId, bool Required)[] labels)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var answers = new JsonArrayDraft();
        foreach (var (labelId, required) in labels)
        {
            answers.Items.Add(Answer(labelId, required || draw.Chance(50)));
        }

        // Order does not matter to the evaluator; a shuffled order must not either.
        if (draw.Chance(30))
        {
            answers.Items.Reverse();
        }

        return answers;
    }

    private static JsonObjectDraft Registration(Draw draw, string marker)
    {
        var body = new JsonObjectDraft().Add("email", Email(draw, marker)).Add("displayName", draw.Pick($"Name {marker}", marker, $"{marker} Ådå Lövelace"));
        if (draw.Chance(40))
        {
            body.Add("profile", new JsonObjectDraft()
                .Add("language", draw.Pick("en", "pt-BR", "fi"))
                .Add("country", draw.Pick("FI", "DE"))
                .Add("ageRange", draw.Pick("25-34", "65-plus"))
                .Add("gender", $"G {marker}"));
        }

        return body.Add("consents", Answers(draw, ("terms", true), ("special-offers", false), ("demographics", false)));
    }

    private static JsonObjectDraft Comment(Draw draw, string marker)
    {
        var body = new JsonObjectDraft()
            .Add("pageId", draw.PickFrom(FuzzWorld.Pages))
            .Add("displayName", $"Commenter {marker}")
            .Add("text", draw.Pick($"A thoughtful comment {marker}.", $"Line one {marker}\r\nLine two\nThree"));
        if (draw.Chance(50))
        {
            body.Add("email", Email(draw, marker));
        }

        return body.Add("consents", Answers(draw, ("comment-terms", true), ("public-display", false)));
    }

    private static JsonObjectDraft Vote(Draw draw, string marker)
    {
        var body = new JsonObjectDraft().Add("optionId", draw.PickFrom(FuzzWorld.PollOptions));
        var withToken = draw.Chance(80);
        if (withToken)
        {
            body.Add("voterToken", $"t{marker}-{draw.Id(6, 20)}");
        }

        if (!withToken || draw.Chance(40))
        {
            body.Add("email", Email(draw, marker));
        }

        return body.Add("consents", Answers(draw, ("poll-terms", true)));
    }

    private static JsonObjectDraft Entry(Draw draw, string marker) => new JsonObjectDraft()
        .Add("email", Email(draw, marker))
        .Add("name", $"Entrant {marker}")
        .Add("fields", new JsonObjectDraft().Add("answer", $"Blue {marker}"))
        .Add("consents", Answers(draw, ("promotion-terms", true), ("demo-partner-sharing", false)));
}
