using System.Text.Json;
using Azure;

namespace Submissions.Benchmarks.Accounting;

/// <summary>
/// The entities a query's answer returned, by partition. The table clients buffer every answer before the pipeline
/// returns it, so the body is read here from its buffer and rewound for the SDK; an answer that is not buffered (a
/// stream) is left alone and counted as one entity in the filter's partition. Returned: the entities the answer held
/// (0 when it found none, though that read still touched its partition once).
/// </summary>
internal static class QueryAnswer
{
    public static (IReadOnlyList<EntityTouch> Touches, int Returned) EntitiesByPartition(Response response, RequestShape shape)
    {
        var fallback = shape.FilterPartition ?? "(no PartitionKey in filter)";
        if (response.Status != 200 || response.ContentStream is not MemoryStream body)
        {
            return ([new(shape.Table, fallback, 1)], 0);
        }

        var start = body.Position;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("value", out var entities))
            {
                foreach (var entity in entities.EnumerateArray())
                {
                    var partition = entity.TryGetProperty("PartitionKey", out var key) ? key.GetString() ?? fallback : fallback;
                    counts[partition] = counts.GetValueOrDefault(partition) + 1;
                }
            }
        }
        catch (JsonException)
        {
            // Not a query answer after all: charged as one entity below.
        }
        finally
        {
            body.Position = start;
        }

        // A query that found nothing still read its partition's index once.
        return counts.Count == 0
            ? ([new(shape.Table, fallback, 1)], 0)
            : ([.. counts.Select(pair => new EntityTouch(shape.Table, pair.Key, pair.Value))], counts.Values.Sum());
    }
}
