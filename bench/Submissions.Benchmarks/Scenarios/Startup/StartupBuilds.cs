using System.Diagnostics;
using Submissions.Testing;

namespace Submissions.Benchmarks.Scenarios.Startup;

/// <summary>
/// What the start-up scenario launches, each published once per run into a temporary folder: the app under the local
/// host (tools/Submissions.LocalHost, which runs the worker's own composition root in its process) as deployed
/// (linux-x64, ReadyToRun) and without ReadyToRun, and a trivial ASP.NET Core app that writes one entity per POST.
/// </summary>
internal static class StartupBuilds
{
    /// <summary>Azure.Data.Tables as the app uses it (Directory.Packages.props), for the trivial app outside the repository.</summary>
    private const string TablesVersion = "12.13.0";

    private const string TrivialProject = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Azure.Data.Tables" Version="TABLES_VERSION" />
          </ItemGroup>
        </Project>
        """;

    // The floor: one entity written per POST, nothing parsed, validated or logged; the table exists before it starts.
    private const string TrivialProgram = """
        using Azure.Data.Tables;

        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:" + builder.Configuration["Port"]);
        var table = new TableClient(builder.Configuration["SubmissionsStorage"], builder.Configuration["TrivialTable"]);
        var app = builder.Build();
        app.MapPost("/api/registrations", async (CancellationToken cancellationToken) =>
        {
            var entity = new TableEntity(Guid.NewGuid().ToString("N"), "registration") { ["ConsentedAt"] = DateTimeOffset.UtcNow };
            await table.AddEntityAsync(entity, cancellationToken);
            return Results.StatusCode(201);
        });
        app.Run();
        """;

    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "submissions-bench-startup");

    /// <summary>The local host and the app published for linux-x64, with or without ReadyToRun; the folder it is in.</summary>
    public static async Task<string> PublishLocalHostAsync(bool readyToRun, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Root, readyToRun ? "app-r2r" : "app-jit");
        var project = Path.Combine(RepositoryPaths.Root, "tools", "Submissions.LocalHost");
        await DotnetAsync(RepositoryPaths.Root, cancellationToken, "publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            $"-p:PublishReadyToRun={(readyToRun ? "true" : "false")}", "-o", output);
        return output;
    }

    /// <summary>The trivial app, written to a temporary project and published; the folder it is in.</summary>
    public static async Task<string> PublishTrivialAsync(CancellationToken cancellationToken)
    {
        var source = Path.Combine(Root, "trivial-src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "Trivial.csproj"), TrivialProject.Replace("TABLES_VERSION", TablesVersion, StringComparison.Ordinal), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(source, "Program.cs"), TrivialProgram, cancellationToken);
        var output = Path.Combine(Root, "trivial");
        await DotnetAsync(source, cancellationToken, "publish", "-c", "Release", "-o", output);
        return output;
    }

    private static async Task DotnetAsync(string directory, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }
}
