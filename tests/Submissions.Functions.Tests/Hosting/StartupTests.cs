using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Hosting;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Hosting;

/// <summary>
/// What a cold start costs an instance: outside Development it creates no table or queue (infra/ provisioned them) and
/// still starts; everywhere it preloads the consent catalog, so the first form does not wait for it.
/// </summary>
public sealed class StartupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_Production_instance_creates_no_table_or_queue_and_still_serves_forms()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        // What a deployment finds: tables, queues and the catalog already there.
        await using (await TestApp.StartAsync(azurite.ConnectionString, new Dictionary<string, string?> { ["Storage:TablePrefix"] = prefix }))
        {
        }

        var recorder = new RequestRecorder();
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["Storage:TablePrefix"] = prefix, ["Storage:CreateOnStart"] = null, ["Demo:SeedOnStart"] = "false" },
            environment: "Production",
            initializeStorage: false,
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(recorder, HttpPipelinePosition.PerRetry))));

        var initializer = app.Services.GetRequiredService<StorageInitializer>();
        await StartAsync(initializer);

        Assert.False(initializer.CreatesStorage);
        Assert.NotEmpty(recorder.Requests);
        Assert.DoesNotContain(recorder.Requests, RequestRecorder.CreatesTableOrQueue);
        var response = await app.PostAsync(RegistrationForms.Body(RegistrationForms.NewEmail()), confirm: false);
        Assert.Equal(201, response.Status);
    }

    [Fact]
    public async Task Development_creates_the_tables_and_queues_at_start_up()
    {
        var recorder = new RequestRecorder();
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["Storage:CreateOnStart"] = null },
            initializeStorage: false,
            services: services => services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(recorder, HttpPipelinePosition.PerRetry))));

        await StartAsync(app.Services.GetRequiredService<StorageInitializer>());

        // Every table, the eight queues (four with their poison queues) and the exports blob container.
        Assert.Equal(app.Tables.All.Count() + 8 + 1, recorder.Requests.Count(RequestRecorder.CreatesTableOrQueue));
    }

    [Fact]
    public async Task The_consent_catalog_is_loaded_before_the_first_form_asks_for_it()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        await StartAsync(app.Services.GetRequiredService<StorageInitializer>());

        var labels = new ConsentLabelAdmin(app);
        Assert.Equal(0, await app.Requests.CountAsync(async () => Assert.Equal(200, (await labels.GetForFormAsync("registration")).Status)));
    }

    [Fact]
    public async Task Start_up_completes_when_the_catalog_cannot_be_preloaded()
    {
        // The catalog's table is missing (never provisioned): the preload fails, start-up does not, and the failure is
        // one warning; the first request that needs the catalog loads it then.
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["Storage:CreateOnStart"] = "false", ["Demo:SeedOnStart"] = "false" },
            environment: "Production",
            initializeStorage: false);
        await app.Services.GetRequiredService<Submissions.Storage.SubmissionsTables>().ClientSalts.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);

        await StartAsync(app.Services.GetRequiredService<StorageInitializer>());

        var warning = Assert.Single(app.Logs.GetSnapshot(), record => record.Id.Id == 4100);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
    }

    /// <summary>Runs the initializer as the host does (a background service) and waits for it to finish.</summary>
    private static async Task StartAsync(StorageInitializer initializer)
    {
        await initializer.StartAsync(TestContext.Current.CancellationToken);
        await initializer.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await initializer.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The method and path of every storage request, retries included.</summary>
    private sealed class RequestRecorder : HttpPipelineSynchronousPolicy
    {
        public ConcurrentQueue<(string Method, string Path)> Requests { get; } = new();

        /// <summary>Table creation is a POST to /Tables; queue creation a PUT on the queue itself (not its messages).</summary>
        public static bool CreatesTableOrQueue((string Method, string Path) request) =>
            (request.Method == "POST" && request.Path.EndsWith("/Tables", StringComparison.Ordinal))
            || (request.Method == "PUT" && !request.Path.Contains("/messages", StringComparison.Ordinal) && !request.Path.Contains('('));

        public override void OnSendingRequest(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            Requests.Enqueue((message.Request.Method.Method, message.Request.Uri.Path));
        }
    }
}
