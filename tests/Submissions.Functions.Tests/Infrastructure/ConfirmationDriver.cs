using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Links;
using Submissions.Functions.Http;
using Submissions.Storage.Confirmations;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// Confirms pending submissions the way their owner does — a POST to the signed link of the confirmation mail — with
/// the link made by the app's own signer instead of read from a mail (the mail tests read it from a real SMTP listener).
/// </summary>
public static class ConfirmationDriver
{
    /// <summary>The pending row of a submission by the id its 201 gave, in the partition it lives in (a promotion's: any of its own); null when none.</summary>
    public static async Task<TableEntity?> PendingRowAsync(this TestApp app, TableClient table, string partition, string submissionId)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(table);
        var filter = PartitionFilters.Of(table, partition) + " and " + TableClient.CreateQueryFilter(
            $"RowKey ge {PendingSubmissionEntity.RowKeyPrefix} and RowKey lt {PendingSubmissionEntity.RowKeyPrefix + "~"} and SubmissionId eq {submissionId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            return row;
        }

        return null;
    }

    /// <summary>The confirm link's query string (<c>?token=…</c>) for a confirmation id.</summary>
    public static string ConfirmQuery(this TestApp app, string confirmationId, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var link = app.Services.GetRequiredService<SignedLinks>().Confirm(confirmationId, expiresAt ?? app.Time.GetUtcNow().AddDays(7));
        return link.Query;
    }

    /// <summary>POSTs the confirm link of <paramref name="confirmationId"/>, as the page's button does (JSON answer).</summary>
    public static async Task<TestResponse> ConfirmAsync(this TestApp app, string confirmationId, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var request = HttpExchange.Request("POST", "/api/confirm", body: null, contentType: null, query: app.ConfirmQuery(confirmationId, expiresAt));
        return await app.Function<ConfirmationFunctions>().ConfirmAsync(request, CancellationToken.None).ExecuteAsync(request);
    }

    /// <summary>
    /// Confirms the submission a 201 answered (by its <c>id</c>), when it is still pending in <paramref name="partition"/>;
    /// a replayed answer's submission was confirmed with the first. Fails the test when confirming fails.
    /// </summary>
    public static async Task ConfirmAnsweredAsync(this TestApp app, TestResponse response, TableClient table, string partition)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Status != 201 || !response.Json.TryGetProperty("id", out var id))
        {
            return;
        }

        if (await app.PendingRowAsync(table, partition, id.GetString()!) is not { } pending)
        {
            return;
        }

        var confirmed = await app.ConfirmAsync(pending.GetString(nameof(PendingSubmissionEntity.ConfirmationId))!);
        if (confirmed.Status != 200)
        {
            throw new InvalidOperationException($"Confirming the submission answered {confirmed.Status}: {confirmed.Body}");
        }
    }
}
