using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Storage failing in the middle of submissions, from inside the apps' own Azure SDK pipelines. Each submission started
/// here counts its own storage requests (they flow with it, whichever app sends them) and parks at its n-th: before
/// sending it, or after it was answered. Once every one is parked, storage goes down — once, for all of them — and
/// they carry on: a request parked before sending meets a dead Azurite (as do its retries); one parked after its answer
/// loses that answer (its write is kept, as a connection lost on the way back would leave it).
/// </summary>
public sealed class OutageGate(FaultStorage storage) : HttpPipelinePolicy
{
    private static readonly AsyncLocal<Tap?> Current = new();
    private readonly TaskCompletionSource down = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Tap> taps = [];
    private long downAt;

    /// <summary>When storage went down (after the save that keeps what it acknowledged).</summary>
    public TimeSpan SinceDown => Stopwatch.GetElapsedTime(Interlocked.Read(ref downAt));

    /// <summary>Starts a submission (or any work: a delivery) that parks at its <paramref name="request"/>-th storage request.</summary>
    public Tap<T> Start<T>(int request, bool afterAnswer, Func<Task<T>> run)
    {
        var tap = new Tap<T>(request, afterAnswer, storage.TablePrefix, down.Task);
        taps.Add(tap);
        tap.Result = Task.Run(async () =>
        {
            Current.Value = tap;
            return await run();
        });
        return tap;
    }

    /// <summary>
    /// Waits until every submission is parked — failing if one finished first, having made fewer requests — then takes
    /// storage down and lets them go on.
    /// </summary>
    public async Task GoDownWhenAllParkedAsync()
    {
        try
        {
            foreach (var tap in taps)
            {
                var first = await Task.WhenAny(tap.Parked, tap.Finished).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
                Assert.True(first == tap.Parked, $"A submission never reached request {tap.Request}; it made: {string.Join(", ", tap.Seen)}.");
            }

            await storage.GoDownAsync();
            Interlocked.Exchange(ref downAt, Stopwatch.GetTimestamp());
        }
        finally
        {
            // Parked submissions go on even when the test already failed, so none is left waiting.
            down.TrySetResult();
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var tap = Current.Value;
        var parks = tap?.Count(message.Request) == true;
        if (parks && !tap!.AfterAnswer)
        {
            await tap.ParkAsync();
        }

        await ProcessNextAsync(message, pipeline);

        if (parks && tap!.AfterAnswer)
        {
            await tap.ParkAsync();

            // What the transport throws when a connection drops: the SDK's retry policy takes it as transient.
            throw new RequestFailedException(0, "The connection closed before the answer arrived (a test's storage fault).", new IOException("Connection reset."));
        }
    }

    /// <summary>One submission's (or delivery's) result.</summary>
    public sealed class Tap<T>(int request, bool afterAnswer, string tablePrefix, Task down) : Tap(request, afterAnswer, tablePrefix, down)
    {
        public Task<T> Result { get; internal set; } = null!;

        internal override Task Finished => Result;
    }

    /// <summary>One submission's (or delivery's) storage requests, and where it parks.</summary>
    public abstract class Tap(int request, bool afterAnswer, string tablePrefix, Task down)
    {
        private readonly ConcurrentQueue<string> seen = new();
        private readonly TaskCompletionSource parked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int count;

        public int Request => request;

        public bool AfterAnswer => afterAnswer;

        /// <summary>Its storage requests as "METHOD Table": "POST $batch", "PUT Subjects", "GET Polls"…</summary>
        public IReadOnlyCollection<string> Seen => seen;

        /// <summary>The request it parked at.</summary>
        public string? ParkedAt { get; private set; }

        internal Task Parked => parked.Task;

        internal abstract Task Finished { get; }

        internal bool Count(Request message)
        {
            var description = Describe(message);
            seen.Enqueue(description);
            if (Interlocked.Increment(ref count) != request)
            {
                return false;
            }

            ParkedAt = description;
            return true;
        }

        internal Task ParkAsync()
        {
            parked.TrySetResult();
            return down;
        }

        private string Describe(Request message)
        {
            var resource = message.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? string.Empty;
            resource = resource.Split('(')[0];
            if (resource.StartsWith(tablePrefix, StringComparison.OrdinalIgnoreCase))
            {
                resource = resource[tablePrefix.Length..].TrimStart('-');
            }

            return $"{message.Method} {resource}";
        }
    }
}
