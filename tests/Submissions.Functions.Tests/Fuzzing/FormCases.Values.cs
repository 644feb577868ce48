namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Well-formed JSON with hostile values: wrong types, duplicate keys, control, bidi and surrogate characters, injections.</summary>
public static partial class FormCases
{
    private static JsonRaw WrongType(Draw draw) => new(draw.Pick(
        "null", "[]", "{}", "true", "false", "0", "-1", "1.5", "\"\"", "\"1\"", "\"true\"", "[null]", "[\"x\"]", "{\"a\":1}", "[[]]", "[{}]", "{\"labelId\":\"terms\"}"));

    private static FuzzCase WrongTypes(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "wrong-type");
        var count = draw.Chance(80) ? 1 : 2;
        for (var i = 0; i < count; i++)
        {
            draw.PickFrom(JsonSlot.All(start.Body)).Replace(WrongType(draw));
        }

        return Finish(draw, start, start.Body);
    }

    private static FuzzCase DuplicateKeys(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "duplicate-key");
        var objects = new List<JsonObjectDraft> { start.Body };
        objects.AddRange(JsonSlot.All(start.Body).Select(slot => slot.Value).OfType<JsonObjectDraft>().Where(obj => obj.Members.Count > 0));
        var target = draw.PickFrom(objects);
        var index = draw.Between(0, target.Members.Count - 1);
        var (key, value) = target.Members[index];
        var variant = draw.Between(0, 4);
        start.Case.Invalid(variant is 0 or 1 or 4);
        switch (variant)
        {
            case 0:
                target.Members.Insert(index + 1, (key, value.Clone()));
                break;
            case 1:
                // Same key, a conflicting value: the reader must not take whichever came last.
                target.Members.Insert(draw.Between(0, target.Members.Count), (key, key == "granted" ? new JsonRaw("false") : WrongType(draw)));
                break;
            case 2:
                // The reader matches names case-insensitively, so a case variant is the same property twice.
                var variantKey = draw.Pick(key.ToUpperInvariant(), char.ToUpperInvariant(key[0]) + key[1..], key + "\\u0000");
                start.Case.Invalid(!variantKey.EndsWith("\\u0000", StringComparison.Ordinal));
                target.Members.Insert(index + 1, (variantKey, value.Clone()));
                break;
            case 3:
                // A case-variant key alone: the reader is case-insensitive, so this one may be accepted.
                target.Members[index] = (key.ToUpperInvariant(), value);
                break;
            default:
                // The same consent answered twice, with conflicting answers.
                if (start.Body.Get("consents") is JsonArrayDraft answers && answers.Items.Count > 0)
                {
                    var first = (JsonObjectDraft)answers.Items[0].Clone();
                    var granted = first.Get("granted")?.ToString() == "true";
                    first.Set("granted", new JsonRaw(granted ? "false" : "true"));
                    answers.Items.Insert(draw.Between(0, answers.Items.Count), first);
                }

                break;
        }

        return Finish(draw, start, start.Body);
    }

    private static FuzzCase ControlCharacters(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "control-chars");
        var control = draw.PickFrom(HostilePayloads.Control);
        var slots = draw.Chance(75) ? StringSlots(start.Body, FormTemplates.PersonalKeys) : StringSlots(start.Body, FormTemplates.IdKeys);
        var slot = draw.PickFrom(slots);
        var text = FormTemplates.PersonalKeys.Contains(slot.Key!) ? AroundMarker(draw, start.Marker, control) : "id" + control + "x";

        // A comment's text may hold line breaks; every other control character is refused everywhere.
        start.Case.Invalid(!(slot.Key == "text" && control == "\n"));
        slot.Replace(draw.Chance(70)
            ? JsonRaw.Quoted(text, relaxed: draw.Chance(50))
            : JsonRaw.Literal(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)));
        return Finish(draw, start, start.Body);
    }

    private static FuzzCase BidiAndZeroWidth(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "bidi-zero-width");
        var bidi = draw.Chance(50);
        var character = bidi ? draw.PickFrom(HostilePayloads.Bidi) : draw.PickFrom(HostilePayloads.ZeroWidth);
        var slot = draw.Chance(80) ? PersonalSlot(draw, start.Body) : draw.PickFrom(StringSlots(start.Body, FormTemplates.IdKeys));

        // An invisible character in an email would be a second person of one mailbox (issue 14, defect 6).
        start.Case.Invalid(bidi || slot.Key == "email");
        var text = FormTemplates.PersonalKeys.Contains(slot.Key!)
            ? slot.Key == "email" ? AroundMarker(draw, start.Marker, character) + "@example.test" : AroundMarker(draw, start.Marker, character)
            : "id" + character + "x";
        slot.Replace(JsonRaw.Quoted(text, relaxed: draw.Chance(50)));
        return Finish(draw, start, start.Body);
    }

    private static FuzzCase LoneSurrogates(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "lone-surrogate");
        var escape = draw.PickFrom(HostilePayloads.LoneSurrogateEscapes);
        start.Case.Invalid();
        if (draw.Chance(15))
        {
            start.Body.Members.Insert(0, (escape, new JsonRaw("1")));
            return Finish(draw, start, start.Body);
        }

        var slot = draw.Chance(80) ? PersonalSlot(draw, start.Body) : draw.PickFrom(StringSlots(start.Body, FormTemplates.IdKeys));
        var content = FormTemplates.PersonalKeys.Contains(slot.Key!) ? AroundMarker(draw, start.Marker, escape) : "id" + escape;
        slot.Replace(JsonRaw.Literal(slot.Key == "email" ? content + "@example.test" : content));
        return Finish(draw, start, start.Body);
    }

    private static IReadOnlyList<string> AllInjections { get; } =
        [.. HostilePayloads.Sql, .. HostilePayloads.OData, .. HostilePayloads.Csv, .. HostilePayloads.Html, .. HostilePayloads.Other];

    private static FuzzCase Injection(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "injection");
        var payload = draw.PickFrom(AllInjections);
        switch (draw.Between(0, 9))
        {
            case 0 when form is FuzzEndpoint.Votes or FuzzEndpoint.PromotionEntries:
                start.Case.Route = payload;
                break;
            case 1:
                start.Body.Add(JsonRaw.Quoted(payload).Text[1..^1], new JsonRaw("\"x\""));
                break;
            case 2 or 3:
                draw.PickFrom(StringSlots(start.Body, FormTemplates.IdKeys)).Replace(JsonRaw.Quoted(payload, relaxed: draw.Chance(50)));
                break;
            case 4 when start.Body.Get("email") is not null:
                start.Body.Set("email", JsonRaw.Quoted($"{start.Marker}{draw.Pick("'--", "'or'1'='1", "=1+2", "%27", "<b>", "$filter")}@example.test"));
                break;
            default:
                var slot = PersonalSlot(draw, start.Body);
                slot.Replace(JsonRaw.Quoted(AroundMarker(draw, start.Marker, payload), relaxed: draw.Chance(50)));
                break;
        }

        return Finish(draw, start, start.Body);
    }

    /// <summary>Hostile but legal text in every personal field: these are accepted, stored and must stay inert.</summary>
    private static FuzzCase ValidHostile(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "valid-hostile");
        foreach (var slot in StringSlots(start.Body, FormTemplates.PersonalKeys))
        {
            if (slot.Key is "email" or "voterToken")
            {
                if (slot.Key == "email" && draw.Chance(50))
                {
                    slot.Replace(JsonRaw.Quoted(draw.Pick(
                        $"o'{start.Marker}@example.test", $"={start.Marker}+1@example.test", $"-{start.Marker}@example.test",
                        $"{start.Marker}@b\u00FCcher.example.test", $"{start.Marker}%27@example.test", $"{start.Marker}&x=1@example.test")));
                }

                continue;
            }

            var payload = draw.PickFrom([.. HostilePayloads.Sql, .. HostilePayloads.OData, .. HostilePayloads.Html, .. HostilePayloads.OddButLegal, .. HostilePayloads.ZeroWidth, "=HYPERLINK(\"x\")", "+1", "-1", "@x"]);
            var text = draw.Chance(50) ? payload + " " + start.Marker : start.Marker + " " + payload;
            var limit = slot.Key == "gender" ? 32 : 64;
            if (text.Length > limit)
            {
                // Cut to the field's limit, never between the halves of a surrogate pair.
                var cut = limit - start.Marker.Length;
                text = text[..(char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut)] + start.Marker;
            }

            slot.Replace(JsonRaw.Quoted(text, relaxed: draw.Chance(50)));
        }

        return Finish(draw, start, start.Body);
    }
}
