using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Submissions.Application.Hosting;
using Submissions.Application.Partners;
using Submissions.Functions.Hosting;
using Submissions.Storage;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// The function app exactly as Program.cs builds it, pointed at the shared Azurite with its own table prefix, with
/// every log record captured and every storage round trip counted. The host is built, not started: functions are
/// called directly, as the Functions host would call them.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string TestPepper = "test-pepper-0123456789abcdef0123456789abcdef";

    /// <summary>The sender every test app mails from (set in every environment, so a Production app starts too).</summary>
    public const string MailFrom = "Example Site <no-reply@example.test>";

    private readonly IHost host;

    private TestApp(IHost host, RequestCounter requests, FakeTimeProvider time, QueueMessageRecorder queueMessages)
    {
        this.host = host;
        Requests = requests;
        Time = time;
        QueueMessages = queueMessages;
    }

    /// <summary>The decoded text of every queue message this app sent.</summary>
    public QueueMessageRecorder QueueMessages { get; }

    public IServiceProvider Services => host.Services;

    /// <summary>Every HTTP request the Azure SDK sent to storage, retries included.</summary>
    public RequestCounter Requests { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    public SubmissionsTables Tables => Services.GetRequiredService<SubmissionsTables>();

    public static async Task<TestApp> StartAsync(
        string connectionString,
        IDictionary<string, string?>? settings = null,
        string environment = "Development",
        bool initializeStorage = true,
        Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["SubmissionsStorage"] = connectionString,
            ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
            ["Privacy:SubjectKeyPepper"] = TestPepper,
            // Each test's tables are new, whatever its environment (a deployment's are provisioned by infra/); the
            // start-up tests unset this to see what a Production instance does.
            ["Storage:CreateOnStart"] = "true",
            ["Demo:SeedOnStart"] = "true",
            // Tests post many forms from one loopback "client"; the rate-limit tests set their own limit.
            ["RateLimits:PermitsPerWindow"] = "10000",
            [PartnerSettings.SigningSecret("demo-partner")] = NewSigningSecret(),
            ["Delivery:RetryBaseDelayMilliseconds"] = "10",
            ["Delivery:AttemptTimeoutSeconds"] = "2",
            // Retries without waiting, four of them (five attempts, as many as host.json's maxDequeueCount gave before
            // issue 19): tests that wait between attempts, such as a partner's night-long outage, set their own schedule.
            ["Delivery:RetrySchedule"] = "0:00:00, 0:00:00, 0:00:00, 0:00:00",
            ["Delivery:HeldRecheckSeconds"] = "0",
            ["OptOut:PublicBaseUrl"] = "https://submissions.example.test",
            // Mail goes to the fixture's SMTP listener (plain SMTP: Mail:Security is None in Development by default,
            // StartTls elsewhere, which the listener does not offer); with no listener, to a port nobody listens on.
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = (AzuriteFixture.SharedMail?.Port ?? AzuriteFixture.FreePort()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:From"] = MailFrom,
            // Tests read their own writes at once; the read-cache tests turn these on.
            ["ReadCache:PollResultsSeconds"] = "0",
            ["ReadCache:PollDefinitionSeconds"] = "0",
            ["ReadCache:PollTotalsSeconds"] = "0",
            ["ReadCache:PollRecountWaitMilliseconds"] = "60000",
            ["ReadCache:CommentListingSeconds"] = "0",
            ["ReadCache:PromotionSeconds"] = "0",
            ["ReadCache:PartnerSeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        // Settings reach the app the way they do in production: through the builder's configuration sources.
        var args = values.Where(pair => pair.Value is not null).SelectMany(pair => new[] { $"--{pair.Key}", pair.Value! }).ToArray();
        var builder = SubmissionsFunctionsApp.CreateBuilder(args);

        // The worker takes its environment from AZURE_FUNCTIONS_ENVIRONMENT, a process-wide variable; tests running in
        // parallel set it on the builder instead.
        builder.Environment.EnvironmentName = environment;

        var requests = new RequestCounter();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var queueMessages = new QueueMessageRecorder();
        builder.Services.AddAzureClients(clients => clients.ConfigureDefaults(options =>
        {
            options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
            options.AddPolicy(queueMessages, HttpPipelinePosition.PerCall);
        }));
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();

        // Last, so a test can add to (or replace) anything above: e.g. a pipeline policy that injects a storage fault.
        services?.Invoke(builder.Services);

        var host = builder.Build();
        var app = new TestApp(host, requests, time, queueMessages);
        if (initializeStorage)
        {
            await app.Services.GetRequiredService<StorageInitializer>().InitializeAsync(CancellationToken.None);
        }

        return app;
    }

    /// <summary>A fresh Standard Webhooks secret per app: nothing secret is committed, not even for tests.</summary>
    public static string NewSigningSecret() => "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public string SigningSecret(string partnerId = "demo-partner") =>
        Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[PartnerSettings.SigningSecret(partnerId)]!;

    public T Function<T>()
        where T : class => ActivatorUtilities.CreateInstance<T>(Services);

    private static readonly string[] PersonalFields = ["email", "displayName", "name", "gender", "text", "voterToken"];

    /// <summary>Records the personal values of a posted body, so the app can prove they never reached its logs.</summary>
    public void RecordSubmitted(object body) => Record(JsonSerializer.SerializeToElement(body, HttpExchange.JsonOptions));

    private void Record(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Record(item);
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && PersonalFields.Contains(property.Name)
                && property.Value.GetString() is { Length: >= 5 } value)
            {
                SubmittedPersonalValues.Add(value);
            }

            // A promotion's extra fields are whatever it asks for: every value counts as personal.
            if (property.Name == "fields" && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in property.Value.EnumerateObject())
                {
                    if (field.Value.ValueKind == JsonValueKind.String && field.Value.GetString() is { Length: >= 5 } fieldValue)
                    {
                        SubmittedPersonalValues.Add(fieldValue);
                    }
                }
            }

            Record(property.Value);
        }
    }

    /// <summary>Personal values this app was sent; none may appear in its logs (checked when the app is disposed).</summary>
    public ConcurrentBag<string> SubmittedPersonalValues { get; } = [];

    /// <summary>
    /// Every test that posts a form through a TestApp gets its logs searched for what it submitted: a leak fails the
    /// test that caused it, whatever that test was about.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        var leaks = PersonalDataLeaks().Concat(QueueLeaks()).ToList();
        host.Dispose();
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"Personal data reached the logs or a queue: {leaks.Count} place(s), e.g. {leaks[0]}.");
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Every queue message this app sent that contains a submitted personal value (messages carry ids only).</summary>
    public IReadOnlyList<string> QueueLeaks()
    {
        var values = SubmittedPersonalValues.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return [.. QueueMessages.Sent.Where(text => values.Any(value => text.Contains(value, StringComparison.OrdinalIgnoreCase))).Select(_ => "a queue message")];
    }

    /// <summary>
    /// The log records that contain a submitted personal value: event name and which test value matched (test data, so
    /// naming it makes a failure diagnosable).
    /// </summary>
    public IReadOnlyList<string> PersonalDataLeaks()
    {
        var values = SubmittedPersonalValues.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // Each record's text is built once: a fuzz run checks thousands of records against thousands of values.
        return [.. Logs.GetSnapshot()
            .Select(record => (record, text: LogText(record)))
            .Select(entry => (entry.record, value: values.FirstOrDefault(value => entry.text.Contains(value, StringComparison.OrdinalIgnoreCase))))
            .Where(match => match.value is not null)
            .Select(match => $"{match.record.Category}/{match.record.Id.Name ?? match.record.Id.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} (matched \"{match.value}\")")];
    }

    /// <summary>Everything a log record carries: message, structured values, scopes and exception.</summary>
    public static string LogText(FakeLogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return string.Join(
            " | ",
            record.Message,
            record.State switch
            {
                IEnumerable<KeyValuePair<string, string?>> pairs => string.Join(';', pairs.Select(pair => pair.Value)),
                IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(';', pairs.Select(pair => pair.Value)),
                var other => other?.ToString(),
            },
            string.Join(';', record.Scopes.Select(scope => scope?.ToString())),
            record.Exception?.ToString());
    }
}
