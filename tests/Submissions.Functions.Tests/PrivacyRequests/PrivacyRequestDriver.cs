using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Links;
using Submissions.Application.PrivacyRequests;
using Submissions.Domain.Links;
using Submissions.Functions.Http;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.PrivacyRequests;

/// <summary>
/// Makes and follows self-service privacy requests the way a person does, with the links made by the app's own signer
/// (the SMTP test reads them from the mail that arrived).
/// </summary>
public static class PrivacyRequestDriver
{
    public static async Task<TestResponse> RequestAsync(this TestApp app, object body)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.RecordSubmitted(body);
        var request = HttpExchange.PostJson("/api/privacy-requests", body);
        return await app.Function<PrivacyRequestFunctions>().SubmitAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    public static Task<TestResponse> RequestAsync(this TestApp app, string email, string kind) => app.RequestAsync(new { email, kind });

    /// <summary>Every privacy request row.</summary>
    public static Task<List<TableEntity>> PrivacyRequestRowsAsync(this TestApp app) => app.Tables.PrivacyRequests.RowsAsync();

    /// <summary>The one request row made for <paramref name="email"/> (by its subject key).</summary>
    public static async Task<TableEntity> RequestRowOfAsync(this TestApp app, string email) =>
        Assert.Single(await app.PrivacyRequestRowsAsync(), row => row.GetString("SubjectKey") == app.SubjectOf(email).Value);

    public static string ConfirmQuery(this TestApp app, string requestId, DateTimeOffset? expiresAt = null) =>
        app.Services.GetRequiredService<SignedLinks>()
            .For(LinkPurpose.PrivacyRequest, PrivacyRequestMailKind.ConfirmRoute, requestId, expiresAt ?? app.Time.GetUtcNow().AddHours(24)).Query;

    public static string DownloadQuery(this TestApp app, string requestId, DateTimeOffset? expiresAt = null) =>
        app.Services.GetRequiredService<SignedLinks>()
            .For(LinkPurpose.AccessDownload, PrivacyRequestMailKind.DownloadRoute, requestId, expiresAt ?? app.Time.GetUtcNow().AddHours(24)).Query;

    public static async Task<TestResponse> ShowConfirmationAsync(this TestApp app, string query)
    {
        var request = HttpExchange.Request("GET", "/api/privacy-requests/confirm", contentType: null, query: query);
        return await app.Function<PrivacyRequestFunctions>().ShowAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> ConfirmRequestAsync(this TestApp app, string query)
    {
        var request = HttpExchange.Request("POST", "/api/privacy-requests/confirm", contentType: null, query: query);
        return await app.Function<PrivacyRequestFunctions>().ConfirmAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> DownloadAsync(this TestApp app, string query)
    {
        var request = HttpExchange.Request("GET", "/api/privacy-requests/download", contentType: null, query: query);
        return await app.Function<PrivacyRequestFunctions>().DownloadAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    public static async Task<TestResponse> ListOpenRequestsAsync(this TestApp app, string query = "?status=open")
    {
        var request = HttpExchange.Request("GET", "/api/manage/privacy-requests", contentType: null, query: query);
        return await app.Function<PrivacyRequestFunctions>().ListAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    /// <summary>A loopback port nobody listens on: the relay is down.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
