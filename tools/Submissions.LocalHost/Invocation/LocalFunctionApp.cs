using Microsoft.Azure.Functions.Worker.Middleware;
using Submissions.Functions.Hosting;

namespace Submissions.LocalHost.Invocation;

/// <summary>
/// The function app built by its own composition root (<see cref="SubmissionsFunctionsApp"/>, as Program.cs builds it)
/// but not run as a worker: there is no Functions host to connect to. Its own hosted services — the storage initializer
/// with the demo seed among them — start and stop with the local host; the worker's connection to the host and its own web server do not.
/// </summary>
internal sealed class LocalFunctionApp(IHost host, IReadOnlyList<Type> middleware) : IHostedService, IDisposable
{
    private const string WorkerAssemblyPrefix = "Microsoft.Azure.Functions.Worker";
    private const string WorkerWebHostService = "Microsoft.AspNetCore.Hosting.GenericWebHostService";
    private const string EnvironmentSetting = "AZURE_FUNCTIONS_ENVIRONMENT";

    private readonly List<IHostedService> started = [];

    public IServiceProvider Services => host.Services;

    /// <summary>The app's worker middleware, in the order it registered it (UseMiddleware registers each as a service).</summary>
    public IReadOnlyList<Type> Middleware => middleware;

    /// <summary>
    /// Settings reach the app through its builder's command line (env-var names: "__" is ":"), so several local hosts
    /// in one test process do not share them through the environment; the environment name is the app's
    /// AZURE_FUNCTIONS_ENVIRONMENT.
    /// </summary>
    public static LocalFunctionApp Build(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, LogLevel> logLevels)
    {
        var builder = SubmissionsFunctionsApp.CreateBuilder([.. settings.Select(setting => $"--{setting.Key.Replace("__", ":", StringComparison.Ordinal)}={setting.Value}")]);
        builder.Environment.EnvironmentName = settings.GetValueOrDefault(EnvironmentSetting)
            ?? Environment.GetEnvironmentVariable(EnvironmentSetting) ?? Environments.Production;

        // The worker would send its logs to the Functions host over gRPC; here they go to the console, filtered as
        // host.json says.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        foreach (var (category, level) in logLevels)
        {
            builder.Logging.AddFilter(category.Equals("default", StringComparison.OrdinalIgnoreCase) ? null : category, level);
        }

        // The Azure SDK logs every storage request at Information; the app logs its own storage failures.
        builder.Logging.AddFilter("Azure.Core", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        var appAssembly = typeof(SubmissionsFunctionsApp).Assembly;
        var middleware = builder.Services
            .Select(service => service.ServiceType)
            .Where(type => typeof(IFunctionsWorkerMiddleware).IsAssignableFrom(type) && type.Assembly == appAssembly)
            .Distinct()
            .ToList();
        // The worker's connection to the Functions host and its own web server (the host proxies requests to it):
        // here the local host is both.
        foreach (var service in builder.Services.Where(IsWorkerHosting).ToList())
        {
            builder.Services.Remove(service);
        }

        return new LocalFunctionApp(builder.Build(), middleware);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in host.Services.GetServices<IHostedService>())
        {
            await service.StartAsync(cancellationToken);
            started.Add(service);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        for (var index = started.Count - 1; index >= 0; index--)
        {
            await started[index].StopAsync(cancellationToken);
        }

        started.Clear();
    }

    private static bool IsWorkerHosting(ServiceDescriptor service) =>
        service.ServiceType == typeof(IHostedService)
        && service.ImplementationType is { } type
        && ((type.Assembly.GetName().Name ?? string.Empty).StartsWith(WorkerAssemblyPrefix, StringComparison.Ordinal)
            || type.FullName == WorkerWebHostService);

    public void Dispose() => host.Dispose();
}
