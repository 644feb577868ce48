using System.Text.Json;
using Azure.Data.Tables;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Admin;

/// <summary>
/// Issue 14, defect 16, through the real handlers against Azurite: a JSON null is never a value nor taken for
/// "absent" where absence has a meaning, an empty query parameter is not "left out", and times are answered in UTC.
/// </summary>
public sealed class NullAndEmptyInputTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_null_sharing_label_is_a_400_naming_it_not_a_500()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var body = """
            {"title":"Null label","partner":"demo-partner","sharingLabels":["demo-partner-sharing",null],"requiresSharing":false,
             "startsAt":"2026-01-01T00:00:00Z","endsAt":"2027-01-01T00:00:00Z"}
            """;

        var response = await PutAsync<PromotionFunctions>(app, "manage/promotions/null-label", body, (f, r) => f.PutPromotionAsync(r, "null-label", CancellationToken.None));

        AssertNullRefused(response, "sharingLabels[1]");
        Assert.Empty(await RowsAsync(app.Tables.Promotions, "null-label"));
    }

    [Fact]
    public async Task A_null_partner_field_is_refused_not_stored_as_empty()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var body = """{"name":"Null Field Partner","webhookUrl":"https://partner.example.test/hook","fields":["email",null],"active":true}""";

        var response = await PutAsync<PartnerFunctions>(app, "manage/partners/null-field", body, (f, r) => f.PutPartnerAsync(r, "null-field", CancellationToken.None));

        AssertNullRefused(response, "fields[1]");
        Assert.Empty(await RowsAsync(app.Tables.Partners, "null-field"));
    }

    [Fact]
    public async Task A_null_label_field_is_refused_and_the_public_labels_never_serve_an_empty_field()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var labels = new ConsentLabelAdmin(app);

        var response = await labels.PutRawAsync("null-field-label", """{"purpose":"special-offers","text":"Offers","required":false,"forms":["registration"],"fields":["email",null]}""");

        AssertNullRefused(response, "fields[1]");
        var served = await labels.GetForFormAsync("registration");
        Assert.Equal(200, served.Status);
        Assert.DoesNotContain(
            served.Json.GetProperty("labels").EnumerateArray(),
            label => label.GetProperty("labelId").GetString() == "null-field-label");
    }

    [Fact]
    public async Task A_null_label_status_is_refused_rather_than_read_as_keep()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var response = await new ConsentLabelAdmin(app).PutRawAsync(
            "null-status-label", """{"purpose":"terms","text":"Terms","required":true,"forms":["registration"],"fields":["email"],"status":null}""");

        AssertNullRefused(response, "status");
    }

    [Fact]
    public async Task A_withdrawal_with_a_null_label_withdraws_nothing_instead_of_everything()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();
        Assert.Equal(201, (await app.PostAsync(RegistrationForms.Body(email, consents: RegistrationForms.Consents(offers: true, demographics: true)))).Status);
        var before = (await app.RowsOfAsync(email)).Select(row => row.RowKey).Order(StringComparer.Ordinal).ToList();

        var body = JsonSerializer.Serialize(new { email, labelId = (string?)null }, HttpExchange.JsonOptions);
        var request = HttpExchange.Request("POST", "/api/manage/subjects/withdraw", body);
        var response = await app.Function<SubjectAdminFunctions>().WithdrawAsync(request, CancellationToken.None).ExecuteAsync(request);

        AssertNullRefused(response, "labelId");
        Assert.Equal(before, (await app.RowsOfAsync(email)).Select(row => row.RowKey).Order(StringComparer.Ordinal).ToList());

        // Left out, it still means every consent but terms.
        var all = await app.WithdrawAsync(email);
        Assert.Equal(200, all.Status);
        Assert.Equal(["demographics", "special-offers"], all.Json.GetProperty("withdrawn").EnumerateArray().Select(item => item.GetProperty("labelId").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("?continuationToken=")]
    [InlineData("?continuationToken")]
    [InlineData("?pageSize=")]
    [InlineData("?pageSize=5&pageSize=6")]
    public async Task An_empty_or_repeated_paging_parameter_is_a_400_on_every_paged_route(string query)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        var page = await app.ListCommentsAsync(CommentForms.NewPageId(), query);
        var queue = await app.ModerationQueueAsync(query);
        var request = HttpExchange.Request("GET", "/api/manage/deliveries", contentType: null, query: query);
        var deliveries = await app.Function<DeliveryAdminFunctions>().ListAsync(request, CancellationToken.None).ExecuteAsync(request);

        Assert.All([page, queue, deliveries], response =>
        {
            Assert.Equal(400, response.Status);
            Assert.Equal(["paging"], response.ErrorFields);
        });
    }

    [Fact]
    public async Task An_empty_status_is_a_400_not_the_default()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);

        Assert.Equal(["status"], (await app.ModerationQueueAsync("?status=")).ErrorFields);
        var request = HttpExchange.Request("GET", "/api/manage/deliveries", contentType: null, query: "?status=");
        Assert.Equal(["status"], (await app.Function<DeliveryAdminFunctions>().ListAsync(request, CancellationToken.None).ExecuteAsync(request)).ErrorFields);
    }

    [Fact]
    public async Task Promotion_times_sent_with_a_minus_14_offset_are_answered_in_UTC()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var body = """
            {"title":"Far west","partner":"demo-partner","sharingLabels":["demo-partner-sharing"],"requiresSharing":false,
             "startsAt":"2026-01-01T00:00:00-14:00","endsAt":"2026-02-01T00:00:00-14:00"}
            """;

        var response = await PutAsync<PromotionFunctions>(app, "manage/promotions/far-west", body, (f, r) => f.PutPromotionAsync(r, "far-west", CancellationToken.None));

        Assert.Equal(201, response.Status);
        var startsAt = response.Json.GetProperty("startsAt");
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 14, 0, 0, TimeSpan.Zero), startsAt.GetDateTimeOffset());
        Assert.Equal(TimeSpan.Zero, startsAt.GetDateTimeOffset().Offset);
        Assert.Equal(TimeSpan.Zero, response.Json.GetProperty("endsAt").GetDateTimeOffset().Offset);
    }

    private static async Task<TestResponse> PutAsync<TFunctions>(TestApp app, string path, string body, Func<TFunctions, Microsoft.AspNetCore.Http.HttpRequest, Task<Microsoft.AspNetCore.Mvc.IActionResult>> call)
        where TFunctions : class
    {
        var request = HttpExchange.Request("PUT", "/api/" + path, body);
        return await call(app.Function<TFunctions>(), request).ExecuteAsync(request);
    }

    private static void AssertNullRefused(TestResponse response, string field)
    {
        Assert.Equal(400, response.Status);
        Assert.True(response.IsProblem);
        Assert.Equal([field], response.ErrorFields);
        Assert.Equal("null-not-allowed", response.Json.GetProperty("codes").GetProperty(field)[0].GetString());
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}
