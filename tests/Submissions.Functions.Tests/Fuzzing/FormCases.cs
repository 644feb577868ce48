using CsCheck;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// Hostile bodies for the four form POSTs, by category. Most start from a valid body and break one thing, so the
/// fuzzer reaches every layer: the media type and size checks, the JSON reader, the validators, the consent
/// evaluator and the stores.
/// </summary>
public static partial class FormCases
{
    public static Gen<FuzzCase> For(FuzzEndpoint form, int maxBodyBytes) => new DrawGen<FuzzCase>(draw => draw.Weighted(
        (7, d => InvalidUtf8(d, form)),
        (4, d => ByteOrderMarks(d, form)),
        (7, d => TruncatedJson(d, form)),
        (6, d => DeepNesting(d, form)),
        (6, d => HugeNumbers(d, form)),
        (7, d => HugeStrings(d, form, maxBodyBytes)),
        (9, d => WrongTypes(d, form)),
        (8, d => DuplicateKeys(d, form)),
        (6, d => ControlCharacters(d, form)),
        (6, d => BidiAndZeroWidth(d, form)),
        (5, d => LoneSurrogates(d, form)),
        (9, d => Injection(d, form)),
        (12, d => Mutation(d, form)),
        (6, d => ValidHostile(d, form)),
        (4, d => NonObjectRoot(d, form)),
        (7, d => Headers(d, form)),
        (5, d => ReplayAndDuplicate(d, form))));

    private sealed record Start(CaseBuilder Case, JsonObjectDraft Body, string Marker);

    private static Start Begin(Draw draw, FuzzEndpoint form, string category)
    {
        var marker = FormTemplates.NewMarker(draw);
        var (body, route) = FormTemplates.Valid(form, draw, marker);
        return new Start(new CaseBuilder(form, category, marker) { Route = route }, body, marker);
    }

    private static FuzzCase Finish(Draw draw, Start start, JsonNodeDraft body)
    {
        start.Case.WithBody(body);
        return start.Case.Noise(draw).Build();
    }

    private static FuzzCase Finish(Draw draw, Start start, byte[] body)
    {
        start.Case.Body = body;
        return start.Case.Noise(draw).Build();
    }

    private static List<JsonSlot> StringSlots(JsonNodeDraft body, IReadOnlySet<string> keys) =>
        [.. JsonSlot.All(body).Where(slot => slot.Key is { } key && keys.Contains(key))];

    private static JsonSlot PersonalSlot(Draw draw, JsonNodeDraft body) => draw.PickFrom(StringSlots(body, FormTemplates.PersonalKeys));

    /// <summary>Hostile text placed around the marker: before, after or inside it.</summary>
    private static string AroundMarker(Draw draw, string marker, string payload) => draw.Between(0, 2) switch
    {
        0 => marker + payload,
        1 => payload + marker,
        _ => marker[..4] + payload + marker[4..] + " " + marker,
    };
}
