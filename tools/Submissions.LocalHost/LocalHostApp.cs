using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Submissions.LocalHost.Http;
using Submissions.LocalHost.Invocation;
using Submissions.LocalHost.Metadata;
using Submissions.LocalHost.Queues;
using Submissions.LocalHost.Settings;
using Submissions.LocalHost.Timers;

namespace Submissions.LocalHost;

/// <summary>
/// The local host's composition: the app built from its own composition root, its HTTP functions served on 127.0.0.1
/// under host.json's route prefix, its queue and timer triggers run — all derived from the build's functions.metadata.
/// </summary>
internal static class LocalHostApp
{
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string>? appSettings = null)
    {
        var options = new ConfigurationBuilder().AddCommandLine(args).Build().Get<LocalHostOptions>() ?? new LocalHostOptions();
        var localSettings = options.Settings is null ? new LocalSettingsFile(new Dictionary<string, string>(), null) : LocalSettingsFile.Load(options.Settings);
        var functions = FunctionsMetadataFile.Load(Path.Combine(options.AppDirectory, FunctionsMetadataFile.FileName));
        var hostJson = HostJsonFile.Load(Path.Combine(options.AppDirectory, HostJsonFile.FileName));

        // As under func start, a variable already in the environment wins over local.settings.json; a test's own
        // settings win over both.
        var settings = localSettings.Values
            .Where(setting => Environment.GetEnvironmentVariable(setting.Key) is null)
            .ToDictionary(setting => setting.Key, setting => setting.Value, StringComparer.Ordinal);
        foreach (var (name, value) in appSettings ?? new Dictionary<string, string>())
        {
            settings[name] = value;
        }

        var app = LocalFunctionApp.Build(settings, hostJson.LogLevels);

        // The local host runs in the app's environment, so its own start-up lines say the same as the app's.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = app.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>().EnvironmentName,
        });
        var invoker = new FunctionInvoker(app.Services, functions, app.Middleware);
        var keys = FunctionKeys.LoadOrCreate(options.KeysFile);

        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024; // the Functions host's default request body limit
            kestrel.Listen(System.Net.IPAddress.Loopback, options.Port ?? localSettings.LocalHttpPort ?? 7071);
        });
        // Request logging would print URLs with their query strings (opt-out tokens, ?code= keys): warnings only.
        builder.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(_ => app); // from a factory, so the container disposes the app with the host
        builder.Services.AddHostedService(services => services.GetRequiredService<LocalFunctionApp>());
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(invoker);
        builder.Services.AddSingleton(hostJson);
        builder.Services.AddSingleton(new HttpFunctionRoutes(functions, hostJson.RoutePrefix));
        builder.Services.AddSingleton(provider => new HttpFunctionEndpoint(
            provider.GetRequiredService<HttpFunctionRoutes>(), keys, invoker.InvokeAsync, provider.GetRequiredService<ILogger<HttpFunctionEndpoint>>()));
        builder.Services.AddSingleton(TimeProvider.System);
        AddTriggers(builder.Services, functions, hostJson, app, invoker);

        var web = builder.Build();
        web.Run(http => web.Services.GetRequiredService<HttpFunctionEndpoint>().InvokeAsync(http));
        return web;
    }

    /// <summary>The address the host listens on once started ("http://127.0.0.1:7071"), the port resolved when 0 was asked.</summary>
    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private static void AddTriggers(IServiceCollection services, IReadOnlyList<FunctionEntry> functions, HostJsonFile hostJson, LocalFunctionApp app, FunctionInvoker invoker)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();

        // AddSingleton, not AddHostedService: AddHostedService's TryAddEnumerable keeps one registration per
        // implementation type, so every listener but the first (every scheduler but the first) would silently not run.
        foreach (var function in functions)
        {
            switch (function.Trigger)
            {
                case QueueTrigger queue:
                    var connection = configuration[queue.Connection] ?? configuration.GetConnectionString(queue.Connection)
                        ?? throw new InvalidOperationException($"Function {function.Name} reads queue '{queue.QueueName}' through the setting '{queue.Connection}', which is not set (the local host needs a connection string there).");
                    services.AddSingleton<IHostedService>(provider => new QueueTriggerListener(
                        function,
                        connection,
                        queue.QueueName,
                        hostJson.Queues,
                        (message, cancellationToken) => invoker.InvokeAsync(function, new InvocationInput(message, null, InvocationInput.NoNamedValues), cancellationToken),
                        provider.GetRequiredService<TimeProvider>(),
                        provider.GetRequiredService<ILogger<QueueTriggerListener>>()));
                    break;
                case TimerTrigger timer:
                    var schedule = timer.Schedule.StartsWith('%') && timer.Schedule.EndsWith('%')
                        ? configuration[timer.Schedule.Trim('%')] ?? throw new InvalidOperationException($"Timer function {function.Name} names the setting {timer.Schedule}, which is not set.")
                        : timer.Schedule;
                    services.AddSingleton<IHostedService>(provider => new TimerTriggerScheduler(
                        function,
                        timer,
                        schedule,
                        (info, cancellationToken) => invoker.InvokeAsync(function, new InvocationInput(info, null, InvocationInput.NoNamedValues), cancellationToken),
                        provider.GetRequiredService<TimeProvider>(),
                        provider.GetRequiredService<ILogger<TimerTriggerScheduler>>()));
                    break;
            }
        }
    }
}
