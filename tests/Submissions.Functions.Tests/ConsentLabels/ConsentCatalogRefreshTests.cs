using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Logging;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.ConsentLabels;

/// <summary>
/// Issue 18: no request waits for a consent-catalog reload. Past ConsentCatalog:CacheSeconds an instance serves its
/// cached catalog while one background load replaces it; a failed load is logged and the next request starts another;
/// past MaxStaleSeconds (10 × CacheSeconds with the defaults) a request waits for a load.
/// </summary>
public sealed class ConsentCatalogRefreshTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_stale_catalog_is_served_at_once_while_one_background_load_replaces_it()
    {
        var (editor, reader, reads) = await StartAsync();
        await using var _ = editor;
        await using var __ = reader;
        await new ConsentLabelAdmin(editor).PutAsync("terms", "Revised terms.", required: true, fields: ["email", "displayName"]);
        reads.Hold();
        reader.Time.Advance(TimeSpan.FromSeconds(31));

        // Every reader is answered while the load is held: none waits for it, and they share the one load.
        var stale = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => new ConsentLabelAdmin(reader).GetForFormAsync("registration")))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.All(stale, response => Assert.Equal(1, TermsVersion(response)));
        await SubjectForms.WaitUntilAsync(() => reads.Count == 1); // The background load is started, not awaited.
        Assert.Equal(1, TermsVersion(await new ConsentLabelAdmin(reader).GetForFormAsync("registration")));
        Assert.Equal(1, reads.Count);

        reads.Release();
        await WaitForTermsVersionAsync(reader, 2);
        Assert.Equal(1, reads.Count);
    }

    [Fact]
    public async Task A_failed_background_load_is_logged_and_the_next_request_starts_another()
    {
        var (editor, reader, reads) = await StartAsync();
        await using var _ = editor;
        await using var __ = reader;
        await new ConsentLabelAdmin(editor).PutAsync("terms", "Revised terms.", required: true, fields: ["email", "displayName"]);
        reads.Fail = true;
        reader.Time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(1, TermsVersion(await new ConsentLabelAdmin(reader).GetForFormAsync("registration")));
        await SubjectForms.WaitUntilAsync(() => reader.Logs.GetSnapshot().Any(record => record.Id.Id == 3920));
        var failure = reader.Logs.GetSnapshot().Single(record => record.Id.Id == 3920);
        Assert.Equal(LogLevel.Warning, failure.Level);
        Assert.Contains("status 503, error code ServerBusy", failure.Message, StringComparison.Ordinal);

        reads.Fail = false;
        await WaitForTermsVersionAsync(reader, 2);
        Assert.Equal(2, reads.Count);
    }

    [Fact]
    public async Task Past_the_hard_bound_a_request_waits_for_a_fresh_catalog()
    {
        var (editor, reader, reads) = await StartAsync();
        await using var _ = editor;
        await using var __ = reader;
        await new ConsentLabelAdmin(editor).PutAsync("terms", "Revised terms.", required: true, fields: ["email", "displayName"]);

        reader.Time.Advance(TimeSpan.FromSeconds(300)); // MaxStaleSeconds: 10 × CacheSeconds (30), within the 900 s grace less 60.

        Assert.Equal(2, TermsVersion(await new ConsentLabelAdmin(reader).GetForFormAsync("registration")));
        Assert.Equal(1, reads.Count);
    }

    /// <summary>Two instances on one account; the reader's catalog loaded, its catalog reads counted from then on.</summary>
    private async Task<(TestApp Editor, TestApp Reader, CatalogReads Reads)> StartAsync()
    {
        var shared = new Dictionary<string, string?> { ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10], ["ConsentCatalog:CacheSeconds"] = "30" };
        var reads = new CatalogReads();
        var editor = await TestApp.StartAsync(azurite.ConnectionString, shared);
        var reader = await TestApp.StartAsync(
            azurite.ConnectionString,
            shared,
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(reads, HttpPipelinePosition.PerCall))));
        Assert.Equal(1, TermsVersion(await new ConsentLabelAdmin(reader).GetForFormAsync("registration")));
        reads.Reset();
        return (editor, reader, reads);
    }

    /// <summary>Asks until the background load has landed; every answer before it is the stale catalog, read from memory.</summary>
    private static async Task WaitForTermsVersionAsync(TestApp app, int version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (TermsVersion(await new ConsentLabelAdmin(app).GetForFormAsync("registration")) != version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Version {version} was not served within 10 seconds.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static int TermsVersion(TestResponse response) =>
        response.Json.GetProperty("labels").EnumerateArray().Single(label => label.GetProperty("labelId").GetString() == "terms").GetProperty("version").GetInt32();

    /// <summary>Counts the reads of the consent label table; can hold them until released, or refuse them with a 503.</summary>
    private sealed class CatalogReads : HttpPipelinePolicy
    {
        private TaskCompletionSource released = Open();
        private int count;

        public int Count => Volatile.Read(ref count);

        public bool Fail { get; set; }

        public void Reset() => Interlocked.Exchange(ref count, 0);

        public void Hold() => released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => released.TrySetResult();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (message.Request.Method == RequestMethod.Get && IsCatalogRead(message.Request.Uri.Path))
            {
                Interlocked.Increment(ref count);
                await released.Task;
                if (Fail)
                {
                    throw new RequestFailedException(503, "Storage refused the catalog read (a test's storage fault).", "ServerBusy", null);
                }
            }

            await ProcessNextAsync(message, pipeline);
        }

        // The catalog query: "/{account}/{prefix}ConsentLabels()"; a label's own history is a query of one partition.
        private static bool IsCatalogRead(string path) =>
            path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).FirstOrDefault() is { } resource
            && resource.Split('(')[0].EndsWith("ConsentLabels", StringComparison.OrdinalIgnoreCase);

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
