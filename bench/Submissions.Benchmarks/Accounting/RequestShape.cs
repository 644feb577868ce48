using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;

namespace Submissions.Benchmarks.Accounting;

/// <summary>
/// A storage request read from its method, URL and body: its kind, and the entities it writes or reads by key (a query's
/// are known only from its answer: see <see cref="QueryAnswer"/>).
/// </summary>
internal sealed partial record RequestShape(RequestKind Kind, string Table, IReadOnlyList<EntityTouch> Touches, string? FilterPartition, string? Filter = null)
{
    public static RequestShape Of(Request request)
    {
        var path = Uri.UnescapeDataString(request.Uri.Path);
        var segment = path[(path.LastIndexOf('/') + 1)..];
        var method = request.Method.Method;
        if (path.EndsWith("/messages", StringComparison.Ordinal))
        {
            return new(method == "POST" ? RequestKind.QueueSend : RequestKind.Other, string.Empty, [], null);
        }

        if (segment == "$batch")
        {
            return Batch(Body(request));
        }

        var table = TableName(segment);
        if (table.Length == 0 || table == "Tables" || path.Contains("/messages/", StringComparison.Ordinal))
        {
            return new(RequestKind.Other, table, [], null);
        }

        if (KeysIn(segment) is { } partition)
        {
            return new(method == "GET" ? RequestKind.PointRead : RequestKind.PointWrite, table, [new(table, partition, 1)], null);
        }

        if (method == "GET")
        {
            var filter = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Uri.Query).GetValueOrDefault("$filter").ToString();
            var match = FilterPartitionPattern().Match(filter);
            return new(RequestKind.Query, table, [], match.Success ? match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : null, filter);
        }

        // An insert (POST to the table) names its keys in its body.
        var inserted = method == "POST" ? BodyPartitionPattern().Match(Body(request)) : Match.Empty;
        return inserted.Success
            ? new(RequestKind.PointWrite, table, [new(table, Unescape(inserted.Groups[1].Value), 1)], null)
            : new(RequestKind.Other, table, [], null);
    }

    /// <summary>
    /// The multipart body of an entity-group transaction: each change set part is a request line (method and entity URL)
    /// and, for an insert or update, the entity as JSON. Every part is one entity of the transaction's one partition.
    /// </summary>
    private static RequestShape Batch(string body)
    {
        var touches = new List<EntityTouch>();
        var table = string.Empty;
        foreach (Match part in PartPattern().Matches(body))
        {
            var url = Uri.UnescapeDataString(part.Groups[2].Value);
            var segment = new Uri(url).AbsolutePath;
            segment = segment[(segment.LastIndexOf('/') + 1)..];
            table = TableName(segment);
            var partition = KeysIn(segment);
            if (partition is null)
            {
                var inBody = BodyPartitionPattern().Match(body, part.Index + part.Length);
                partition = inBody.Success ? Unescape(inBody.Groups[1].Value) : "?";
            }

            touches.Add(new(table, partition, 1));
        }

        return new(RequestKind.Transaction, table, [.. touches.GroupBy(touch => touch.Key).Select(group => group.First() with { Entities = group.Count() })], null);
    }

    private static string Body(Request request)
    {
        if (request.Content is null)
        {
            return string.Empty;
        }

        // Request content is written again on every retry, so writing it once more here changes nothing.
        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>"b0123456789Polls(PartitionKey='…')" → "Polls": the table without its key part and the run's prefix.</summary>
    private static string TableName(string segment)
    {
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? segment : segment[..open];
        return PrefixPattern().Replace(name, string.Empty);
    }

    private static string? KeysIn(string segment)
    {
        var match = UrlPartitionPattern().Match(segment);
        return match.Success ? match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : null;
    }

    private static string Unescape(string json) => Regex.Unescape(json);

    [GeneratedRegex("^(GET|POST|PUT|MERGE|PATCH|DELETE) (\\S+) HTTP/1\\.1", RegexOptions.Multiline)]
    private static partial Regex PartPattern();

    [GeneratedRegex("PartitionKey='((?:[^']|'')*)',RowKey=")]
    private static partial Regex UrlPartitionPattern();

    [GeneratedRegex("PartitionKey eq '((?:[^']|'')*)'")]
    private static partial Regex FilterPartitionPattern();

    [GeneratedRegex("\"PartitionKey\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex BodyPartitionPattern();

    // BenchApp's table prefix: "b" and ten hex digits.
    [GeneratedRegex("^b[0-9a-f]{10}")]
    private static partial Regex PrefixPattern();
}
