using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// Storage refusing chosen writes with a 503, from inside the app's own Azure SDK pipelines. It sits before the SDK's
/// retry policy, so a refused request is what the app sees once its retries are spent; the request never reaches
/// Azurite. It records every write it lets through or refuses as "METHOD Resource" (the table or queue name without the
/// app's prefix), so a test can list the writes of a use case and then refuse each one in turn.
/// </summary>
public sealed class StorageRefusal : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> writes = new();
    private Func<string, int, bool>? refuse;
    private int count;

    /// <summary>The writes seen since the last <see cref="Refuse"/> or <see cref="Record"/>, in order.</summary>
    public IReadOnlyList<string> Writes => [.. writes];

    /// <summary>Adds this policy to every storage client the app builds (pass to TestApp.StartAsync's services).</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(this, HttpPipelinePosition.PerCall)));

    /// <summary>From now on, refuses each write for which <paramref name="when"/> (its description, its 1-based number) holds.</summary>
    public void Refuse(Func<string, int, bool> when)
    {
        writes.Clear();
        Interlocked.Exchange(ref count, 0);
        refuse = when;
    }

    /// <summary>Refuses nothing and starts a new record of writes.</summary>
    public void Record() => Refuse((_, _) => false);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Head)
        {
            return ProcessNextAsync(message, pipeline);
        }

        var description = Describe(message.Request);
        writes.Enqueue(description);
        if (refuse?.Invoke(description, Interlocked.Increment(ref count)) == true)
        {
            throw new RequestFailedException(503, $"Storage refused {description} (a test's storage fault).", "ServerBusy", null);
        }

        return ProcessNextAsync(message, pipeline);
    }

    /// <summary>"METHOD Resource": the first path segment after the account, without key predicates or a test prefix.</summary>
    private static string Describe(Request request)
    {
        var resource = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() ?? string.Empty;
        resource = resource.Split('(')[0];
        if (resource.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0)
        {
            // A queue: "{prefix}-partner-notices".
            return $"{request.Method} {resource[(dash + 1)..]}";
        }

        foreach (var name in TableNames)
        {
            if (resource.EndsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                resource = name;
                break;
            }
        }

        return $"{request.Method} {resource}";
    }

    private static readonly string[] TableNames =
    [
        Storage.SubmissionsTables.ConsentLabelsName, Storage.SubmissionsTables.SubjectsName, Storage.SubmissionsTables.CommentsName,
        Storage.SubmissionsTables.PollsName, Storage.SubmissionsTables.PartnersName, Storage.SubmissionsTables.PromotionsName,
        Storage.SubmissionsTables.DisclosuresName, Storage.SubmissionsTables.DeliveryFailuresName, Storage.SubmissionsTables.NoticesName,
        Storage.SubmissionsTables.AuditName, Storage.SubmissionsTables.PurgeReportsName,
    ];
}
