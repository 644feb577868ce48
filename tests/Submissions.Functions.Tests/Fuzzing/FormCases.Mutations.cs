using CsCheck;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Valid bodies changed in one place, hostile headers, and retries and duplicates of a few fixed people.</summary>
public static partial class FormCases
{
    private static FuzzCase Mutation(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "mutation");
        var body = start.Body;
        var slots = JsonSlot.All(body);
        var answers = body.Get("consents") as JsonArrayDraft;
        switch (draw.Between(0, 13))
        {
            case 0:
                // Drop one member anywhere (optional ones leave a valid body).
                var dropped = draw.PickFrom(slots.Where(slot => slot.ParentObject is not null).ToList());
                dropped.ParentObject!.Members.RemoveAt(dropped.Index);
                break;
            case 1:
                // Retarget: one string's value moved into another string's place.
                var strings = slots.Where(slot => slot.Value is JsonRaw raw && raw.Text.StartsWith('"')).ToList();
                var (from, to) = (draw.PickFrom(strings), draw.PickFrom(strings));
                to.Replace(from.Value.Clone());
                break;
            case 2:
                // Retarget: a key renamed to another key of the form.
                var renamed = draw.PickFrom(slots.Where(slot => slot.ParentObject is not null).ToList());
                var keys = slots.Select(slot => slot.Key).OfType<string>().Distinct().ToList();
                renamed.ParentObject!.Members[renamed.Index] = (draw.PickFrom(keys), renamed.Value);
                break;
            case 3 when answers is { Items.Count: > 0 }:
                ((JsonObjectDraft)draw.PickFrom(answers.Items)).Set("granted", new JsonRaw(draw.Pick("\"true\"", "1", "0", "null", "\"yes\"", "[true]", "{}", "tRue", "\"false\"")));
                break;
            case 4 when answers is { Items.Count: > 0 }:
                ((JsonObjectDraft)draw.PickFrom(answers.Items)).Set("version", new JsonRaw(draw.Pick("0", "-1", "2", "\"1\"", "1.0", "1e0", "99999999999", "null", "1.5")));
                break;
            case 5 when answers is { Items.Count: > 0 }:
                ((JsonObjectDraft)draw.PickFrom(answers.Items)).Set("labelId", JsonRaw.Quoted(draw.Pick(
                    "no-such-label", "TERMS", " terms", "terms ", "terms\u0000", "", "t", "public-display", "terms", "demo-partner-sharing", "special-offers", new string('a', 65), "-terms")));
                break;
            case 6 when answers is { Items.Count: > 0 }:
                answers.Items.RemoveAt(draw.Between(0, answers.Items.Count - 1));
                break;
            case 7 when answers is not null:
                answers.Items.Add(FormTemplates.Answer(draw.Pick("no-such-label", "terms", "poll-terms", "comment-terms", "promotion-terms", "fuzz-label"), draw.Chance(50), draw.Pick(1, 2)));
                break;
            case 8:
                body.Set("consents", new JsonRaw(draw.Pick("[]", "null", "[null]", string.Concat("[", string.Join(',', Enumerable.Repeat("{\"labelId\":\"terms\",\"version\":1,\"granted\":true}", 40)), "]"))));
                break;
            case 9:
                body.Add(draw.Pick("unknownExtra", "__proto__", "$id", "$ref", "id", "receipt", "status", "Consents2"), WrongType(draw));
                break;
            case 10:
                body.Add(draw.Pick("website", "Website", "WEBSITE"), draw.Pick<JsonNodeDraft>(JsonRaw.Quoted("http://spam.example/" + start.Marker), new JsonRaw("\"\""), new JsonRaw("null"), new JsonRaw("\" \""), new JsonRaw("1")));
                break;
            case 11:
                PersonalSlot(draw, body).Replace(new JsonRaw(draw.Pick("\"\"", "\"   \"", "\"\\t\"", "\"\\u00a0\"", "\"\\u3000\"")));
                break;
            case 12 when form is FuzzEndpoint.Votes or FuzzEndpoint.PromotionEntries:
                start.Case.Route = draw.Pick(FuzzWorld.ClosedPoll, FuzzWorld.EndedPromotion, FuzzWorld.FuturePromotion, FuzzWorld.OpenPoll, FuzzWorld.OpenPromotion, "fuzz-unknown", "Demo-Poll", "demo-poll ", "x");
                break;
            default:
                if (body.Get("fields") is JsonObjectDraft fields)
                {
                    fields.Add(draw.Pick("favourite", "Answer", "answer2", start.Marker), JsonRaw.Quoted("value " + start.Marker));
                }
                else if (body.Get("optionId") is not null)
                {
                    body.Set("optionId", JsonRaw.Quoted(draw.Pick("nope", "PRIVACY", "privacy ", "")));
                }
                else if (body.Get("profile") is JsonObjectDraft profile)
                {
                    profile.Set(draw.Pick("country", "ageRange", "language"), JsonRaw.Quoted(draw.Pick("fi", "FIN", "18-25", "english", "en-", "x-klingon")));
                }
                else
                {
                    body.Add("profile", new JsonObjectDraft().Add("gender", $"G {start.Marker}"));
                }

                break;
        }

        return Finish(draw, start, body);
    }

    private static FuzzCase Headers(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "headers");
        start.Case.WithBody(start.Body);
        return start.Case.HostileHeaderSet(draw).Build();
    }

    /// <summary>
    /// A few fixed people and keys, drawn again and again: the first use stores, a repeat with the same key replays,
    /// the same key with another body is a 422, and the same person without a key is a duplicate (409) or, for a
    /// registration, a re-registration.
    /// </summary>
    private static FuzzCase ReplayAndDuplicate(Draw draw, FuzzEndpoint form)
    {
        var person = draw.Between(0, 3);
        var fixedDraw = new Draw(new PCG(97, (ulong)person));
        var marker = "qzpool" + "ghjk"[person] + "vwx";
        var (body, _) = FormTemplates.Valid(form, fixedDraw, marker);

        // With an email always: that is what puts an index row in the person's partition, where a refusal must leave none.
        if (body.Get("email") is null)
        {
            body.Members.Insert(0, ("email", JsonRaw.Quoted($"{marker}@example.test")));
        }

        var route = form == FuzzEndpoint.Votes ? FuzzWorld.OpenPoll : form == FuzzEndpoint.PromotionEntries ? FuzzWorld.OpenPromotion : null;
        if (draw.Chance(30) && body.Get("consents") is JsonArrayDraft answers)
        {
            // Another body for the same person: a different optional answer.
            var last = (JsonObjectDraft)answers.Items[^1];
            last.Set("granted", new JsonRaw(last.Get("granted")?.ToString() == "true" ? "false" : "true"));
        }

        var builder = new CaseBuilder(form, "replay-duplicate", marker) { Route = route }.WithBody(body);
        if (draw.Chance(70))
        {
            builder.Header(HostileHeaders.IdempotencyKey, $"pool-key-{draw.Between(0, 2)}");
        }

        return builder.Build();
    }
}
