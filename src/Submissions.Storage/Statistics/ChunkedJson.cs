using Azure.Data.Tables;

namespace Submissions.Storage.Statistics;

/// <summary>
/// A JSON text kept in as many string columns as it needs: a string column holds at most 64 KiB (32 K UTF-16
/// characters), an entity 1 MiB. Fifteen columns of 30,000 characters are the ceiling of one row.
/// </summary>
internal static class ChunkedJson
{
    private const int ChunkLength = 30_000;
    private const int MaxChunks = 15;

    public static void Write(TableEntity entity, string name, string json)
    {
        var chunks = (json.Length + ChunkLength - 1) / ChunkLength;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"A statistics row's {name} needs {chunks} columns, more than the {MaxChunks} a row can hold.");
        }

        entity[name + "Chunks"] = chunks;
        for (var i = 0; i < chunks; i++)
        {
            entity[name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)));
        }
    }

    public static string Read(TableEntity entity, string name)
    {
        var chunks = entity.GetInt32(name + "Chunks") ?? 0;
        return string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? string.Empty));
    }
}
