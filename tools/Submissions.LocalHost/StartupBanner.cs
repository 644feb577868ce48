using Submissions.LocalHost.Http;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost;

/// <summary>What a tester needs to see once the host listens, as func start prints it: each function's URL, and the key.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var address = LocalHostApp.Address(app);
        var routes = app.Services.GetRequiredService<HttpFunctionRoutes>();
        var keys = app.Services.GetRequiredService<FunctionKeys>();
        Console.WriteLine();
        Console.WriteLine("Functions (local host, not func start):");
        foreach (var route in routes.All.OrderBy(route => route.Template, StringComparer.Ordinal))
        {
            var methods = route.Trigger.Methods.Count == 0 ? "ANY" : string.Join(',', route.Trigger.Methods);
            var key = route.Trigger.AuthLevel == FunctionAuthorizationLevel.Anonymous ? string.Empty : "  (key required)";
            Console.WriteLine($"  {route.Function.Name}: [{methods}] {address}/{route.Template}{key}");
        }

        Console.WriteLine();
        Console.WriteLine($"Function key for routes that need one (header {FunctionKeys.HeaderName}): {keys.DefaultKey}");
        var keysFile = app.Services.GetRequiredService<LocalHostOptions>().KeysFile;
        Console.WriteLine($"Admin CLI (docs/admin-cli.md): dotnet run --project tools/Submissions.Cli -- --url {address}/api/ --keys-file {keysFile} comments queue");
        Console.WriteLine($"Local host listening on {address}/");
    }
}
