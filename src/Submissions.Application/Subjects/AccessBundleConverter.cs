using System.Text.Json;
using System.Text.Json.Serialization;

namespace Submissions.Application.Subjects;

/// <summary>
/// Writes an <see cref="AccessBundle"/> with each form's section as a property of its own, in registration order,
/// between the registration and the consents — the document's shape whatever forms are registered.
/// </summary>
internal sealed class AccessBundleConverter : JsonConverter<AccessBundle>
{
    public override AccessBundle Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("An access bundle is written, never read.");

    public override void Write(Utf8JsonWriter writer, AccessBundle value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        Property(writer, nameof(AccessBundle.GeneratedAt), value.GeneratedAt, options);
        Property(writer, nameof(AccessBundle.Email), value.Email, options);
        Property(writer, nameof(AccessBundle.Registration), value.Registration, options);
        foreach (var section in value.Sections)
        {
            writer.WritePropertyName(section.Name);
            writer.WriteStartArray();
            foreach (var record in section.Records)
            {
                JsonSerializer.Serialize(writer, record, record.GetType(), options);
            }

            writer.WriteEndArray();
        }

        Property(writer, nameof(AccessBundle.Consents), value.Consents, options);
        Property(writer, nameof(AccessBundle.Disclosures), value.Disclosures, options);
        Property(writer, nameof(AccessBundle.LastErasedAt), value.LastErasedAt, options);
        writer.WriteEndObject();
    }

    /// <summary>One property as the options name it, left out when null if they say so.</summary>
    private static void Property<T>(Utf8JsonWriter writer, string name, T value, JsonSerializerOptions options)
    {
        if (value is null && options.DefaultIgnoreCondition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
        {
            return;
        }

        writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(name) ?? name);
        JsonSerializer.Serialize(writer, value, options);
    }
}
