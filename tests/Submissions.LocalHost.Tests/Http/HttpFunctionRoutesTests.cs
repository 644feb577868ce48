using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.LocalHost.Http;
using Submissions.LocalHost.Metadata;
using Submissions.LocalHost.Tests.Infrastructure;

namespace Submissions.LocalHost.Tests.Http;

/// <summary>
/// The conformance of the local host's HTTP side to the Functions host's: its route table is the build's
/// functions.metadata (read here independently, as raw JSON), every function answers on its route and methods, what
/// no function binds is the host's empty 404, and a function-level route needs a key.
/// </summary>
public sealed partial class HttpFunctionRoutesTests(AzuriteFixture azurite)
{
    private sealed record MetadataHttpFunction(string Name, string Route, string[] Methods, string AuthLevel);

    private static IReadOnlyList<MetadataHttpFunction> MetadataHttpFunctions()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, FunctionsMetadataFile.FileName)));
        return [.. from function in document.RootElement.EnumerateArray()
                   from binding in function.GetProperty("bindings").EnumerateArray()
                   where binding.GetProperty("type").GetString() == "httpTrigger"
                   select new MetadataHttpFunction(
                       function.GetProperty("name").GetString()!,
                       binding.GetProperty("route").GetString()!,
                       [.. binding.GetProperty("methods").EnumerateArray().Select(method => method.GetString()!.ToUpperInvariant())],
                       binding.GetProperty("authLevel").GetString()!)];
    }

    private static HttpFunctionRoutes RouteTable() =>
        new(FunctionsMetadataFile.Load(Path.Combine(AppContext.BaseDirectory, FunctionsMetadataFile.FileName)), "api");

    [Fact]
    public void The_route_table_is_exactly_the_http_functions_of_functions_metadata()
    {
        var expected = MetadataHttpFunctions()
            .Select(function => $"{function.Name} {string.Join(',', function.Methods.Order())} api/{function.Route} {function.AuthLevel.ToUpperInvariant()}")
            .Order(StringComparer.Ordinal);
        var actual = RouteTable().All
            .Select(route => $"{route.Function.Name} {string.Join(',', route.Trigger.Methods.Order())} {route.Template} {route.Trigger.AuthLevel.ToString().ToUpperInvariant()}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
        Assert.True(MetadataHttpFunctions().Count >= 25, "the app's HTTP functions are all in functions.metadata");
    }

    [Fact]
    public async Task Every_http_function_answers_on_its_route_and_methods_and_nothing_else_does()
    {
        await using var host = await LocalHostUnderTest.StartAsync(azurite.ConnectionString);
        await host.WaitForSeedAsync();
        foreach (var function in MetadataHttpFunctions())
        {
            var path = "api/" + RouteParameter().Replace(function.Route, "demo-x");
            foreach (var method in function.Methods)
            {
                using var response = await SendAsync(host, method, path, host.Keys.DefaultKey);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

                // The app's own answers always carry a body (a 404 from the app is a problem); the host's 404 is empty.
                Assert.False(response.StatusCode == HttpStatusCode.NotFound && body.Length == 0, $"{method} {path} ({function.Name}) was not routed");
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            }

            using var unbound = await SendAsync(host, "DELETE", path, host.Keys.DefaultKey);
            Assert.Equal(HttpStatusCode.NotFound, unbound.StatusCode);
            Assert.Empty(await unbound.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }

        using var unknown = await host.Client.GetAsync("api/no-such-function", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await unknown.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_function_level_route_needs_the_default_or_the_master_key_in_the_header_or_the_query()
    {
        await using var host = await LocalHostUnderTest.StartAsync(azurite.ConnectionString);
        foreach (var function in MetadataHttpFunctions())
        {
            var path = "api/" + RouteParameter().Replace(function.Route, "demo-x");
            var method = function.Methods[0];
            using var withoutKey = await SendAsync(host, method, path, key: null);
            if (function.AuthLevel == "Anonymous")
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
                continue;
            }

            Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
            Assert.Empty(await withoutKey.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            using var wrongKey = await SendAsync(host, method, path, host.Keys.DefaultKey + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
            using var defaultKey = await SendAsync(host, method, path, host.Keys.DefaultKey);
            Assert.NotEqual(HttpStatusCode.Unauthorized, defaultKey.StatusCode);
            using var masterInQuery = await SendAsync(host, method, path + "?code=" + Uri.EscapeDataString(host.Keys.MasterKey), key: null);
            Assert.NotEqual(HttpStatusCode.Unauthorized, masterInQuery.StatusCode);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(LocalHostUnderTest host, string method, string path, string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add(FunctionKeys.HeaderName, key);
        }

        return host.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
