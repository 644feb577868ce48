using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Submissions.Site.Tests;

/// <summary>
/// samples/site/serve.mjs as the run command and the browser tests use it: on a free loopback port, the site's pages,
/// the API base as /config.js, the kit bundle; strict headers; nothing outside samples/site; stops on SIGTERM.
/// </summary>
public sealed class SiteServerTests : IClassFixture<BuiltKit>
{
    private const string ApiBase = "http://127.0.0.1:7071/api";

    [Fact]
    public async Task Serves_the_pages_the_config_and_the_kit_with_strict_headers()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var site = await SiteServer.StartAsync(ApiBase, cancellationToken);
        using var http = new HttpClient { BaseAddress = site.Address };

        Assert.Equal(IPAddress.Loopback.ToString(), site.Address.Host);
        using var index = await http.GetAsync(new Uri("index.html", UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>", await index.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
        Assert.Equal("no-store", index.Headers.CacheControl?.ToString());
        var policy = string.Join(' ', index.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' http://127.0.0.1:7071", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(' ', index.Headers.GetValues("X-Content-Type-Options")));

        using var root = await http.GetAsync(new Uri("/", UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);

        using var config = await http.GetAsync(new Uri("/config.js", UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Equal("text/javascript", config.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"export const apiBase = \"{ApiBase}\";\n", await config.Content.ReadAsStringAsync(cancellationToken));

        using var kit = await http.GetAsync(new Uri("/kit/submissions-kit.js", UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, kit.StatusCode);
        Assert.Equal("text/javascript", kit.Content.Headers.ContentType?.MediaType);
        Assert.Contains("createSubmissionsClient", await kit.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);

        using var style = await http.GetAsync(new Uri("/css/site.css", UriKind.Relative), cancellationToken);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/../package.json")]
    [InlineData("/%2e%2e/package.json")]
    [InlineData("/js/../../package.json")]
    [InlineData("/..%2f..%2fpackage.json")]
    [InlineData("/%2e%2e%2f%2e%2e%2fpackage.json")]
    public async Task Refuses_paths_outside_the_site(string path)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var site = await SiteServer.StartAsync(ApiBase, cancellationToken);

        // Sent byte for byte: an HTTP client would fold the dot segments before the server ever saw them.
        var (status, body) = await RawGetAsync(site.Address, path, cancellationToken);

        Assert.True(status is 400 or 404, $"GET {path} answered {status}.");
        Assert.DoesNotContain("submissions-functions-dev", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/serve.mjs")]
    [InlineData("/README.md")]
    [InlineData("/no-such-page.html")]
    public async Task Serves_only_the_site_itself(string path)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var site = await SiteServer.StartAsync(ApiBase, cancellationToken);
        using var http = new HttpClient { BaseAddress = site.Address };

        using var answer = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }

    [Fact]
    public async Task Stops_on_SIGTERM()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var site = await SiteServer.StartAsync(ApiBase, cancellationToken);

        await site.TerminateAsync(cancellationToken);

        Assert.True(site.HasExited);
        Assert.True(site.ExitCode == 0, $"serve.mjs exited with {site.ExitCode}: {site.Errors}");
    }

    private static async Task<(int Status, string Body)> RawGetAsync(Uri site, string path, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(site.Host, site.Port, cancellationToken);
        await using var stream = client.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {site.Authority}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync(cancellationToken);
        var statusLine = answer.Split("\r\n", 2)[0];
        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), answer);
    }
}
