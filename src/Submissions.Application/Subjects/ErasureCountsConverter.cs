using System.Text.Json;
using System.Text.Json.Serialization;

namespace Submissions.Application.Subjects;

/// <summary>
/// Reads and writes <see cref="ErasureCounts"/> as one flat object: the forms' counts first, in their order, then the
/// fixed counts. Read back from the tombstone, so a report keeps its forms' order however often it is added to.
/// </summary>
internal sealed class ErasureCountsConverter : JsonConverter<ErasureCounts>
{
    private static readonly string[] Fixed =
    [
        nameof(ErasureCounts.Deliveries), nameof(ErasureCounts.ConsentRecords), nameof(ErasureCounts.Receipts),
        nameof(ErasureCounts.Disclosures), nameof(ErasureCounts.IdempotencyRecords), nameof(ErasureCounts.IndexRows),
    ];

    public override ErasureCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Erasure counts are an object.");
        }

        var forms = new List<FormErasureCount>();
        var counts = new int[Fixed.Length];
        var names = Fixed.Select(name => Name(name, options)).ToList();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var count = reader.GetInt32();
            var index = names.IndexOf(name);
            if (index >= 0)
            {
                counts[index] = count;
            }
            else
            {
                forms.Add(new FormErasureCount(name, count));
            }
        }

        return new ErasureCounts(forms, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    public override void Write(Utf8JsonWriter writer, ErasureCounts value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var form in value.Forms)
        {
            writer.WriteNumber(form.Name, form.Count);
        }

        int[] counts = [value.Deliveries, value.ConsentRecords, value.Receipts, value.Disclosures, value.IdempotencyRecords, value.IndexRows];
        for (var i = 0; i < Fixed.Length; i++)
        {
            writer.WriteNumber(Name(Fixed[i], options), counts[i]);
        }

        writer.WriteEndObject();
    }

    private static string Name(string name, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(name) ?? name;
}
