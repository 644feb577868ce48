using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// An Azure SDK pipeline policy that records when each storage request starts and ends, so a test can count a flow's
/// sequential storage stages: a stage begins with a request that starts after every earlier one has ended, so requests
/// issued together (Task.WhenAll) share one. Add it per retry, as <see cref="RequestCounter"/> is.
/// </summary>
public sealed class StorageStages : HttpPipelinePolicy
{
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
