using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// An Azure SDK pipeline policy that records when each storage request starts and ends, so a test can count a flow's
/// sequential storage stages: a stage begins with a request that starts after every earlier one has ended, so requests
/// issued together (Task.WhenAll) share one. While recording, each answer is held for <see cref="Hold"/> so that holds
/// under load too. Add it per retry, as <see cref="RequestCounter"/> is.
/// </summary>
public sealed class StorageStages : HttpPipelinePolicy
{
    /// <summary>How long each recorded request's answer is held before the caller sees it.</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(150);

    private readonly ConcurrentQueue<(long Start, long End, string Request)> spans = new();
    private volatile bool recording;

    /// <summary>The start of every table name, taken off in what <see cref="RecordAsync"/> returns ("GET Promotions").</summary>
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>Runs an action and returns its storage requests ("METHOD Table") grouped by stage, in order; each stage's sorted.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> RecordAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        spans.Clear();
        recording = true;
        try
        {
            await action();
        }
        finally
        {
            recording = false;
        }

        var stages = new List<List<string>>();
        var lastEnd = long.MinValue;
        foreach (var span in spans.OrderBy(span => span.Start))
        {
            if (stages.Count == 0 || span.Start >= lastEnd)
            {
                stages.Add([]);
            }

            stages[^1].Add(span.Request);
            lastEnd = Math.Max(lastEnd, span.End);
        }

        return [.. stages.Select(stage => (IReadOnlyList<string>)[.. stage.Order(StringComparer.Ordinal)])];
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!recording)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline);

            // Azurite on loopback can answer one of two requests issued together before the other has even started,
            // most of all on a loaded machine; held a moment, requests issued together always overlap, while a request
            // issued after another's answer still starts after its end.
            await Task.Delay(Hold);
        }
        finally
        {
            spans.Enqueue((start, Stopwatch.GetTimestamp(), Describe(message.Request)));
        }
    }

    private string Describe(Request request)
    {
        var resource = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? string.Empty;
        resource = resource.Split('(')[0];
        return $"{request.Method} {(resource.StartsWith(TablePrefix, StringComparison.Ordinal) ? resource[TablePrefix.Length..] : resource)}";
    }
}
