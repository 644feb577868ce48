using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// A JSON body as an editable tree whose leaves are raw text, so a mutation can produce anything: a wrong type, a
/// duplicate or case-variant key, an escape the parser must refuse, or text that is not JSON at all.
/// </summary>
public abstract class JsonNodeDraft
{
    public abstract void Write(StringBuilder text);

    public abstract JsonNodeDraft Clone();

    public override string ToString()
    {
        var text = new StringBuilder();
        Write(text);
        return text.ToString();
    }
}

/// <summary>Raw JSON text, written as it is (valid or not).</summary>
public sealed class JsonRaw(string text) : JsonNodeDraft
{
    public string Text { get; } = text;

    public override void Write(StringBuilder text) => text.Append(Text);

    public override JsonNodeDraft Clone() => this;

    /// <summary>A JSON string literal; <paramref name="relaxed"/> writes non-ASCII as UTF-8 rather than \u escapes.</summary>
    public static JsonRaw Quoted(string value, bool relaxed = false)
    {
        try
        {
            return new(JsonSerializer.Serialize(value, relaxed ? RelaxedOptions : StrictOptions));
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16 (a lone surrogate) cannot be written raw; the default escaping writes it as \uD800.
            return new(JsonSerializer.Serialize(value, StrictOptions));
        }
    }

    /// <summary>A string literal whose content is written as given: escapes such as \ud800 stay escapes.</summary>
    public static JsonRaw Literal(string escapedContent) => new("\"" + escapedContent + "\"");

    private static readonly JsonSerializerOptions StrictOptions = new();
    private static readonly JsonSerializerOptions RelaxedOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

public sealed class JsonObjectDraft : JsonNodeDraft
{
    public List<(string Key, JsonNodeDraft Value)> Members { get; } = [];

    public JsonObjectDraft Add(string key, JsonNodeDraft value)
    {
        Members.Add((key, value));
        return this;
    }

    public JsonObjectDraft Add(string key, string value) => Add(key, JsonRaw.Quoted(value));

    public JsonNodeDraft? Get(string key) => Members.FirstOrDefault(member => member.Key == key).Value;

    public void Set(string key, JsonNodeDraft value)
    {
        var index = Members.FindIndex(member => member.Key == key);
        if (index < 0)
        {
            Members.Add((key, value));
        }
        else
        {
            Members[index] = (key, value);
        }
    }

    /// <summary>Keys are written without escaping, so a key may itself carry an escape sequence or a hostile byte.</summary>
    public override void Write(StringBuilder text)
    {
        text.Append('{');
        for (var i = 0; i < Members.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append('"').Append(Members[i].Key).Append("\":");
            Members[i].Value.Write(text);
        }

        text.Append('}');
    }

    public override JsonNodeDraft Clone()
    {
        var copy = new JsonObjectDraft();
        copy.Members.AddRange(Members.Select(member => (member.Key, member.Value.Clone())));
        return copy;
    }
}

public sealed class JsonArrayDraft : JsonNodeDraft
{
    public List<JsonNodeDraft> Items { get; } = [];

    public override void Write(StringBuilder text)
    {
        text.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Items[i].Write(text);
        }

        text.Append(']');
    }

    public override JsonNodeDraft Clone()
    {
        var copy = new JsonArrayDraft();
        copy.Items.AddRange(Items.Select(item => item.Clone()));
        return copy;
    }
}

/// <summary>A place in a tree that holds a value: an object member or an array item, with its JSON path.</summary>
public sealed record JsonSlot(JsonObjectDraft? ParentObject, JsonArrayDraft? ParentArray, int Index, string Path)
{
    public JsonNodeDraft Value => ParentObject is not null ? ParentObject.Members[Index].Value : ParentArray!.Items[Index];

    public string? Key => ParentObject?.Members[Index].Key;

    public void Replace(JsonNodeDraft value)
    {
        if (ParentObject is not null)
        {
            ParentObject.Members[Index] = (ParentObject.Members[Index].Key, value);
        }
        else
        {
            ParentArray!.Items[Index] = value;
        }
    }

    /// <summary>Every slot of the tree, depth first, parents before children.</summary>
    public static List<JsonSlot> All(JsonNodeDraft root)
    {
        var slots = new List<JsonSlot>();
        Collect(root, "$", slots);
        return slots;
    }

    private static void Collect(JsonNodeDraft node, string path, List<JsonSlot> slots)
    {
        switch (node)
        {
            case JsonObjectDraft obj:
                for (var i = 0; i < obj.Members.Count; i++)
                {
                    var childPath = $"{path}.{obj.Members[i].Key}";
                    slots.Add(new JsonSlot(obj, null, i, childPath));
                    Collect(obj.Members[i].Value, childPath, slots);
                }

                break;
            case JsonArrayDraft array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    var childPath = $"{path}[{i}]";
                    slots.Add(new JsonSlot(null, array, i, childPath));
                    Collect(array.Items[i], childPath, slots);
                }

                break;
        }
    }
}
