using System.Text;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Bodies broken below the form: bytes that are not UTF-8, byte-order marks, broken or non-object JSON, nesting, numbers and sizes.</summary>
public static partial class FormCases
{
    private static FuzzCase InvalidUtf8(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "invalid-utf8");
        var bytes = Encoding.UTF8.GetBytes(start.Body.ToString());
        var marker = Encoding.UTF8.GetBytes(start.Marker);
        var insertions = draw.Between(1, 3);
        for (var i = 0; i < insertions; i++)
        {
            var sequence = draw.PickFrom(HostilePayloads.InvalidUtf8);

            // Mostly inside a personal value (after its marker), sometimes anywhere, even inside a key or a number.
            var at = draw.Chance(70) && bytes.AsSpan().IndexOf(marker) is >= 0 and var found ? found + marker.Length : draw.Between(0, bytes.Length);
            bytes = [.. bytes.AsSpan(0, at), .. sequence, .. bytes.AsSpan(at)];
        }

        // Two insertions can happen to form a valid character (C3 then 80 is "À"): only what is not UTF-8 must be refused.
        start.Case.Invalid(!System.Text.Unicode.Utf8.IsValid(bytes));
        return Finish(draw, start, bytes);
    }

    private static FuzzCase ByteOrderMarks(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "bom");
        var json = start.Body.ToString();
        var utf8 = Encoding.UTF8.GetBytes(json);
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var variant = draw.Between(0, 8);
        start.Case.Invalid(variant != 0);
        byte[] body = variant switch
        {
            0 => [.. bom, .. utf8],
            1 => [.. bom, .. bom, .. utf8],
            2 => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(json)],
            3 => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(json)],
            4 => Encoding.Unicode.GetBytes(json),
            5 => [0x00, 0x00, 0xFE, 0xFF, .. new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes(json)],
            6 => [0xEF, 0xBB, .. utf8],
            7 => [(byte)'{', .. bom, .. utf8.AsSpan(1)],
            _ => [.. utf8, .. bom],
        };
        return Finish(draw, start, body);
    }

    private static FuzzCase TruncatedJson(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "truncated-json");
        var json = start.Body.ToString();
        var at = draw.Between(0, json.Length - 1);
        var variant = draw.Between(0, 9);
        start.Case.Invalid(variant is <= 2 or 5 or 6 or 7 or 8);
        var broken = variant switch
        {
            0 or 1 or 2 => json[..at],
            3 => json.Remove(at, 1),
            4 => json.Insert(at, json[at].ToString()),
            5 => json + draw.Pick("}", "]", ",", "x", "{}", " // comment", "\u0000"),
            6 => json.Replace('"', '\''),
            7 => json[..^1] + ",}",
            8 => json.Insert(1, "/* comment */"),
            _ => json.Insert(at, draw.Pick(":", ",", "\"", "{", "[", "\\")),
        };
        return Finish(draw, start, new JsonRaw(broken));
    }

    private static FuzzCase DeepNesting(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "deep-nesting");
        var depth = draw.Pick(17, 65, 500, 2_000, 5_000, 20_000);
        start.Case.Invalid();
        var nested = draw.Chance(50)
            ? new JsonRaw(new string('[', depth) + "1" + new string(']', depth))
            : new JsonRaw(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
        switch (draw.Between(0, 3))
        {
            case 0:
                return Finish(draw, start, nested);
            case 1:
                start.Body.Add("extra", nested);
                return Finish(draw, start, start.Body);
            default:
                draw.PickFrom(JsonSlot.All(start.Body)).Replace(nested);
                return Finish(draw, start, start.Body);
        }
    }

    private static FuzzCase HugeNumbers(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "huge-number");
        var number = new JsonRaw(draw.PickFrom(HostilePayloads.HugeNumbers));
        start.Case.Invalid();
        var versions = JsonSlot.All(start.Body).Where(slot => slot.Key is "version" or "granted").ToList();
        var slot = draw.Chance(70) && versions.Count > 0 ? draw.PickFrom(versions) : draw.PickFrom(JsonSlot.All(start.Body));
        slot.Replace(number);
        return Finish(draw, start, start.Body);
    }

    private static FuzzCase HugeStrings(Draw draw, FuzzEndpoint form, int maxBodyBytes)
    {
        var start = Begin(draw, form, "huge-string");
        var pad = draw.Pick("x", "é", "\uD83D\uDE00", " ");
        switch (draw.Between(0, 2))
        {
            case 0:
                // One field at and around its limit, and far beyond it.
                var length = draw.Pick(63, 64, 65, 200, 201, 254, 255, 1_999, 2_000, 2_001, 8_000, 16_000);
                var slot = PersonalSlot(draw, start.Body);
                var value = start.Marker + string.Concat(Enumerable.Repeat(pad, Math.Max(0, (length - start.Marker.Length) / pad.Length)));
                slot.Replace(JsonRaw.Quoted(slot.Key == "email" ? value + "@example.test" : value, relaxed: draw.Chance(50)));
                return Finish(draw, start, start.Body);
            case 1:
                // The whole body just below, at and just above the limit: an unknown property takes up the room.
                var target = maxBodyBytes + draw.Between(-2, 1);
                start.Case.Invalid(target > maxBodyBytes);
                var unpadded = Encoding.UTF8.GetByteCount(start.Body.ToString()) + ",\"pad\":\"\"".Length;
                start.Body.Add("pad", new JsonRaw("\"" + new string('p', Math.Max(0, target - unpadded)) + "\""));
                return Finish(draw, start, start.Body);
            default:
                // Megabytes, declared or streamed.
                var megabytes = draw.Between(1, 4);
                start.Case.Invalid();
                var huge = PersonalSlot(draw, start.Body);
                huge.Replace(new JsonRaw("\"" + start.Marker + new string('x', megabytes << 20) + "\""));
                start.Case.WithBody(start.Body);
                start.Case.DeclaredLength(draw.Chance(50) ? null : start.Case.Body.Length);
                return start.Case.Build();
        }
    }

    private static FuzzCase NonObjectRoot(Draw draw, FuzzEndpoint form)
    {
        var start = Begin(draw, form, "non-object-root");
        var valid = start.Body.ToString();
        start.Case.Invalid();
        var root = draw.Pick("", " ", "\n", "null", "[]", "[{}]", $"\"{start.Marker}\"", "0", "true", "{}", "{}{}", "{} x", $"[{valid}]", valid + valid, valid + "\n" + valid);
        return Finish(draw, start, new JsonRaw(root));
    }
}
