using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Application.OptOut;
using Submissions.Domain.OptOut;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.OptOut;

/// <summary>
/// GET /api/opt-out?token= shows a confirmation page and changes nothing — it does not even reach storage, because
/// mail scanners fetch every link. Links and their List-Unsubscribe headers come from <see cref="OptOutLinks"/>.
/// </summary>
public sealed class OptOutFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_valid_link_shows_a_confirmation_page_without_touching_storage()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true)))).Status);
        var link = app.Services.GetRequiredService<OptOutLinks>().For(email, OptOutScope.SpecialOffers);
        var before = await SnapshotAsync(app);

        TestResponse? response = null;
        var trips = await app.Requests.CountAsync(async () => response = await GetAsync(app, link.Url.Query));

        Assert.Equal(0, trips);
        Assert.Equal(before, await SnapshotAsync(app));
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
        Assert.Equal("noindex", response.Headers["X-Robots-Tag"].ToString());
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'", response.Headers.ContentSecurityPolicy.ToString());
        Assert.Contains("special offers", response.Body, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"{link.Url.Query}\">", response.Body, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(app.SubjectOf(email).Value, response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(email, response.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_partner_link_names_only_the_partner_id()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var link = app.Services.GetRequiredService<OptOutLinks>().For(RegistrationForms.NewEmail(), OptOutScope.Partner("demo-partner"));

        var response = await GetAsync(app, link.Url.Query);

        Assert.Equal(200, response.Status);
        Assert.Contains("our partner <strong>demo-partner</strong>", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("special offers", response.Body, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadQueries { get; } =
    [
        "", "?token=", "?token=not-a-token", "?other=1", "?token=%00", "?token=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ];

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_missing_or_malformed_token_is_one_generic_400(string query)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await GetAsync(app, query);

        AssertInvalidLink(response);
        Assert.DoesNotContain("script", response.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tampered_token_is_a_400_that_shows_neither_the_token_nor_the_subject()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        var link = app.Services.GetRequiredService<OptOutLinks>().For(email, OptOutScope.SpecialOffers);
        var token = link.Url.Query["?token=".Length..];
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        var trips = await app.Requests.CountAsync(async () =>
        {
            var response = await GetAsync(app, "?token=" + tampered);

            AssertInvalidLink(response);
            Assert.DoesNotContain(tampered, response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(token[..20], response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(app.SubjectOf(email).Value, response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(app.SubjectOf(email).ShortForm, response.Body, StringComparison.Ordinal);
        });

        Assert.Equal(0, trips);
    }

    [Fact]
    public async Task A_token_given_twice_is_refused()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var link = app.Services.GetRequiredService<OptOutLinks>().For(RegistrationForms.NewEmail(), OptOutScope.SpecialOffers);

        AssertInvalidLink(await GetAsync(app, link.Url.Query + "&" + link.Url.Query[1..]));
    }

    [Fact]
    public async Task A_link_from_another_pepper_is_refused()
    {
        await using var other = await TestApp.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["Privacy:SubjectKeyPepper"] = "another-pepper-0123456789abcdef0123456789" }, initializeStorage: false);
        var foreign = other.Services.GetRequiredService<OptOutLinks>().For(RegistrationForms.NewEmail(), OptOutScope.SpecialOffers);
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);

        AssertInvalidLink(await GetAsync(app, foreign.Url.Query));
    }

    [Fact]
    public async Task The_link_builder_gives_a_verifying_url_and_the_RFC_8058_headers()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);
        var email = RegistrationForms.NewEmail();
        app.SubmittedPersonalValues.Add(email);

        var trips = await app.Requests.CountAsync(() =>
        {
            var link = app.Services.GetRequiredService<OptOutLinks>().For(email, OptOutScope.Partner("demo-partner"));

            Assert.StartsWith("https://submissions.example.test/api/opt-out?token=", link.Url.AbsoluteUri, StringComparison.Ordinal);
            var token = link.Url.AbsoluteUri["https://submissions.example.test/api/opt-out?token=".Length..];
            Assert.True(app.Services.GetRequiredService<OptOutTokenSigner>().TryVerify(token, app.Time.GetUtcNow(), out var claim));
            Assert.Equal(app.SubjectOf(email), claim.Subject);
            Assert.Equal(OptOutScope.Partner("demo-partner"), claim.Scope);
            Assert.Equal($"<{link.Url.AbsoluteUri}>", link.ListUnsubscribe);
            Assert.Equal("List-Unsubscribe=One-Click", link.ListUnsubscribePost);
            Assert.Equal(link.ListUnsubscribe, link.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", link.Headers["List-Unsubscribe-Post"]);
            Assert.Equal(2, link.Headers.Count);
            Assert.Equal(link, app.Services.GetRequiredService<OptOutLinks>().For(app.SubjectOf(email), OptOutScope.Partner("demo-partner")));
            return Task.CompletedTask;
        });

        Assert.Equal(0, trips);
    }

    [Fact]
    public async Task The_handler_reads_a_request_token_for_the_POST_to_reuse()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);
        var email = RegistrationForms.NewEmail();
        var link = app.Services.GetRequiredService<OptOutLinks>().For(email, OptOutScope.SpecialOffers);
        var handler = app.Services.GetRequiredService<OptOutHandler>();

        Assert.True(handler.TryReadToken(HttpExchange.Request("POST", "/api/opt-out", "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded", link.Url.Query), out var claim));
        Assert.Equal(app.SubjectOf(email), claim.Subject);
        Assert.Equal(OptOutScope.SpecialOffers, claim.Scope);
        Assert.InRange(claim.IssuedAt, app.Time.GetUtcNow().AddSeconds(-2), app.Time.GetUtcNow());
        Assert.False(handler.TryReadToken(HttpExchange.Request("POST", "/api/opt-out", "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"), out _));
    }

    [Fact]
    public async Task Logs_carry_neither_the_token_nor_the_subject_key_nor_the_email()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);
        var email = RegistrationForms.NewEmail();
        app.SubmittedPersonalValues.Add(email);
        var link = app.Services.GetRequiredService<OptOutLinks>().For(email, OptOutScope.SpecialOffers);
        var token = link.Url.Query["?token=".Length..];

        Assert.Equal(200, (await GetAsync(app, link.Url.Query)).Status);
        AssertInvalidLink(await GetAsync(app, "?token=" + token[..^2]));

        var records = app.Logs.GetSnapshot();
        Assert.Contains(records, record => record.Message.Contains("Opt-out confirmation page shown", StringComparison.Ordinal));
        Assert.Contains(records, record => record.Message.Contains("Opt-out link refused", StringComparison.Ordinal));
        foreach (var text in records.Select(TestApp.LogText))
        {
            Assert.DoesNotContain(token[..16], text, StringComparison.Ordinal);
            Assert.DoesNotContain(app.SubjectOf(email).Value, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Production", "https://api.example.org", true)]
    [InlineData("Production", "https://api.example.org/submissions/", true)]
    [InlineData("Production", "http://api.example.org", false)]
    [InlineData("Production", null, false)] // the default, http://localhost:7071, is for Development
    [InlineData("Development", null, true)]
    [InlineData("Development", "http://localhost:7071", true)]
    [InlineData("Development", "api.example.org", false)]
    [InlineData("Development", "ftp://api.example.org", false)]
    [InlineData("Development", "https://api.example.org/?x=1", false)]
    [InlineData("Development", "https://user:secret@api.example.org", false)]
    public async Task The_public_base_url_is_checked_at_start_up(string environment, string? baseUrl, bool valid)
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["OptOut:PublicBaseUrl"] = baseUrl }, environment: environment, initializeStorage: false);

        var validate = () => app.Services.GetRequiredService<IStartupValidator>().Validate();

        if (valid)
        {
            validate();
        }
        else
        {
            var error = Assert.Throws<OptionsValidationException>(validate);
            Assert.Contains("OptOut__PublicBaseUrl", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_base_url_with_a_path_keeps_it()
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["OptOut:PublicBaseUrl"] = "https://www.example.org/submissions/" }, initializeStorage: false);

        var link = app.Services.GetRequiredService<OptOutLinks>().For(RegistrationForms.NewEmail(), OptOutScope.SpecialOffers);

        Assert.StartsWith("https://www.example.org/submissions/api/opt-out?token=", link.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    private static async Task<TestResponse> GetAsync(TestApp app, string query)
    {
        var request = HttpExchange.Request("GET", "/api/opt-out", contentType: null, query: query);
        return await app.Function<OptOutFunctions>().ConfirmAsync(request, TestContext.Current.CancellationToken).ExecuteAsync(request);
    }

    private static void AssertInvalidLink(TestResponse response)
    {
        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal("This opt-out link is not valid.", response.Json.GetProperty("title").GetString());
        Assert.False(response.Json.TryGetProperty("detail", out _));
        Assert.False(response.Json.TryGetProperty("errors", out _));
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
    }

    /// <summary>Every row of every table with its ETag: equal snapshots mean nothing was written.</summary>
    private static async Task<string> SnapshotAsync(TestApp app)
    {
        var rows = new List<string>();
        foreach (var table in app.Tables.All)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: TestContext.Current.CancellationToken))
            {
                rows.Add($"{table.Name}|{row.PartitionKey}|{row.RowKey}|{row.ETag}");
            }
        }

        return string.Join('\n', rows.Order(StringComparer.Ordinal));
    }
}
