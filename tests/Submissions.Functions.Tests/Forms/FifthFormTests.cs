using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Domain.Privacy;
using Submissions.Functions.Tests.Exports;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Functions.Tests.Retention;
using Submissions.Storage.Retention;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// A fifth form (<see cref="PetitionForm"/>), defined and registered in test code only, is submitted through the one
/// submission pipeline (<see cref="SignPetitionHandler"/>), exported, returned by subject access, erased and counted,
/// and purged by retention and by the idempotency purge — with no change to src/.
/// </summary>
public sealed class FifthFormTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task It_is_submitted_through_the_pipeline_answered_with_a_receipt_replayed_for_its_key_and_refused_when_invalid()
    {
        await using var app = await StartAsync();
        var email = RegistrationForms.NewEmail();
        var body = PetitionForms.Body(email, "Petra Petitioner");
        var petitions = app.Tables.ByName(PetitionForm.Table);

        var first = await app.PostSignatureAsync("petition-lakes", body, idempotencyKey: "key-1");

        Assert.Equal(201, first.Status);
        Assert.False(first.Headers.ContainsKey("Idempotent-Replayed"));
        Assert.Equal("petition-lakes", first.Json.GetProperty("petitionId").GetString());
        var signatureId = first.Json.GetProperty("signatureId").GetString();
        var receipt = first.Json.GetProperty("receipt");
        var answer = Assert.Single(receipt.GetProperty("consents").EnumerateArray());
        Assert.Equal(PetitionForm.Terms.LabelId, answer.GetProperty("labelId").GetString());
        Assert.Equal(PetitionForm.Terms.Version, answer.GetProperty("version").GetInt32());
        Assert.True(answer.GetProperty("granted").GetBoolean());
        Assert.Equal(PetitionForm.Terms.TextSha256, answer.GetProperty("textSha256").GetString());
        var stored = (await RetentionData.RowsAsync(petitions, "petition-lakes")).Select(Key).ToList();
        Assert.Equal(4, stored.Count);
        Assert.Contains(stored, key => key.EndsWith($"/{SignatureStore.RowKeyFor(app.Services.GetRequiredService<SubjectKeyHasher>().For(email).Value)}", StringComparison.Ordinal));

        // The same key and body: the first answer again, flagged, and nothing more stored.
        var replayed = await app.PostSignatureAsync("petition-lakes", body, idempotencyKey: "key-1");
        Assert.Equal(201, replayed.Status);
        Assert.Equal("true", replayed.Headers["Idempotent-Replayed"].ToString());
        Assert.Equal(first.Body, replayed.Body);

        // The same key with another body is refused; the same person under a new key is a duplicate.
        var reused = await app.PostSignatureAsync("petition-lakes", PetitionForms.Body(email, "Someone Else"), idempotencyKey: "key-1");
        Assert.Equal(422, reused.Status);
        var duplicate = await app.PostSignatureAsync("petition-lakes", body, idempotencyKey: "key-2");
        Assert.Equal(409, duplicate.Status);
        Assert.Equal("This person has already signed this petition.", duplicate.Json.GetProperty("title").GetString());
        Assert.Equal("urn:submissions:problem:duplicate-submission", duplicate.Json.GetProperty("type").GetString());
        Assert.Equal("urn:submissions:problem:idempotency-key-reused", reused.Json.GetProperty("type").GetString());

        // A bad body: one 400 problem naming every field, each with its stable code.
        var invalid = await app.PostSignatureAsync("petition-lakes", PetitionForms.Body("not-an-email", " ", PetitionForms.Consents(terms: false)));
        Assert.Equal(400, invalid.Status);
        Assert.True(invalid.IsProblem);
        Assert.Equal(["consents[petition-terms]", "email", "name"], invalid.ErrorFields.Order(StringComparer.Ordinal));
        var codes = invalid.Json.GetProperty("codes");
        Assert.Equal("email-format", codes.GetProperty("email")[0].GetString());
        Assert.Equal("required", codes.GetProperty("name")[0].GetString());
        Assert.Equal("consent-required", codes.GetProperty("consents[petition-terms]")[0].GetString());
        Assert.Equal("urn:submissions:problem:validation-failed", invalid.Json.GetProperty("type").GetString());
        var unanswered = await app.PostSignatureAsync("petition-lakes", PetitionForms.Body(RegistrationForms.NewEmail(), "Bea Bystander", consents: []));
        Assert.Equal(400, unanswered.Status);
        Assert.Equal(["consents[petition-terms]"], unanswered.ErrorFields);
        Assert.Equal("consent-missing", unanswered.Json.GetProperty("codes").GetProperty("consents[petition-terms]")[0].GetString());
        Assert.Equal(404, (await app.PostSignatureAsync("Not A Petition", body)).Status);

        Assert.Equal(stored, (await RetentionData.RowsAsync(petitions, "petition-lakes")).Select(Key));
        Assert.Equal(signatureId, Assert.Single((await app.AccessAsync(email)).Json.GetProperty(PetitionForm.AccessSection).EnumerateArray()).GetProperty("signatureId").GetString());
    }

    [Fact]
    public async Task Its_records_are_exported_and_returned_by_subject_access()
    {
        await using var app = await StartAsync();
        var email = RegistrationForms.NewEmail();
        var signature = await app.SignAsync("petition-parks", email, "Petra Petitioner", idempotencyKey: "key-1");
        var bystander = await app.SignAsync("petition-parks", RegistrationForms.NewEmail(), "Bea Bystander");

        foreach (var format in new[] { "ndjson", "csv" })
        {
            var export = await app.ExportAsync(PetitionForm.ExportKind, format);
            Assert.Equal(200, export.Status);
            var rows = export.Rows(format);
            Assert.Equal(new[] { bystander.SignatureId, signature.SignatureId }.Order(StringComparer.Ordinal), rows.Select(row => row["signatureId"]).Order(StringComparer.Ordinal));
            var row = Assert.Single(rows, row => row["signatureId"] == signature.SignatureId);
            Assert.Equal("petition-parks", row["petitionId"]);
            Assert.Equal("Petra Petitioner", row["name"]);
            Assert.Equal(signature.ReceiptId, row["receiptId"]);
            Assert.DoesNotContain(email, export.Body, StringComparison.OrdinalIgnoreCase);
        }

        // Its ledger is in the consents export, under its own source.
        var consents = (await app.ExportAsync("consents", "ndjson")).Rows("ndjson");
        var answered = Assert.Single(consents, row => row["receiptId"] == signature.ReceiptId);
        Assert.Equal(PetitionForm.Kind, answered["source"]);
        Assert.Equal("petition-parks", answered["sourceId"]);
        Assert.Equal(PetitionForm.Terms.LabelId, answered["labelId"]);

        var unknown = await app.ExportAsync("petitions", "ndjson");
        Assert.Equal(400, unknown.Status);
        Assert.Contains("promotion-entries, signatures, consents, disclosures", unknown.Body, StringComparison.Ordinal);

        var bundle = (await app.AccessAsync(email)).Json;
        Assert.Equal(
            ["generatedAt", "email", "comments", "votes", "promotionEntries", PetitionForm.AccessSection, "consents", "disclosures"],
            bundle.EnumerateObject().Select(property => property.Name));
        var signed = Assert.Single(bundle.GetProperty(PetitionForm.AccessSection).EnumerateArray());
        Assert.Equal(signature.SignatureId, signed.GetProperty("signatureId").GetString());
        Assert.Equal("petition-parks", signed.GetProperty("petitionId").GetString());
        Assert.Equal(email, signed.GetProperty("email").GetString());
        Assert.Equal(signature.ReceiptId, signed.GetProperty("receiptId").GetString());
        var consent = Assert.Single(bundle.GetProperty("consents").EnumerateArray());
        Assert.Equal(PetitionForm.Kind, consent.GetProperty("form").GetString());
        Assert.Equal(signature.ReceiptId, consent.GetProperty("receiptId").GetString());
    }

    [Fact]
    public async Task Its_records_are_erased_with_everything_written_beside_them_and_counted()
    {
        await using var app = await StartAsync();
        var email = RegistrationForms.NewEmail();
        var signature = await app.SignAsync("petition-trees", email, "Petra Petitioner", idempotencyKey: "key-1");
        await app.SignAsync("petition-trees", RegistrationForms.NewEmail(), "Bea Bystander", idempotencyKey: "key-2");
        var petitions = app.Tables.ByName(PetitionForm.Table);
        var bystanderRows = (await RetentionData.RowsAsync(petitions, "petition-trees"))
            .Where(row => !row.Mentions(signature.SubjectKey) && !row.Mentions(signature.ReceiptId) && !row.Mentions(signature.SignatureId))
            .Select(Key)
            .ToList();

        var erasure = await app.EraseAsync(email);

        Assert.Equal(200, erasure.Status);
        var removed = erasure.Json.GetProperty("removed");
        Assert.Equal(1, removed.GetProperty(PetitionForm.ErasureCount).GetInt32());
        Assert.Equal(1, removed.GetProperty("receipts").GetInt32());
        Assert.Equal(1, removed.GetProperty("consentRecords").GetInt32());
        Assert.Equal(1, removed.GetProperty("idempotencyRecords").GetInt32());
        Assert.Equal(1, removed.GetProperty("indexRows").GetInt32());
        Assert.Equal(
            ["registration", "comments", "votes", "promotionEntries", PetitionForm.ErasureCount, "deliveries", "consentRecords", "receipts", "disclosures", "idempotencyRecords", "indexRows"],
            removed.EnumerateObject().Select(property => property.Name));

        // Nothing of theirs is left anywhere; the bystander's signature and what came with it are untouched.
        Assert.DoesNotContain(
            await app.AllRowsAsync(),
            entry => entry.Row.RowKey != "tombstone" && (entry.Row.Mentions(signature.SubjectKey) || entry.Row.Mentions(signature.ReceiptId) || entry.Row.Mentions(signature.SignatureId)));
        Assert.Equal(4, bystanderRows.Count);
        Assert.Equal(bystanderRows, (await RetentionData.RowsAsync(petitions, "petition-trees")).Select(Key));
        Assert.Empty((await app.AccessAsync(email)).Json.GetProperty(PetitionForm.AccessSection).EnumerateArray());
    }

    [Fact]
    public async Task Its_records_are_purged_by_its_retention_purge_and_its_idempotency_rows_by_the_idempotency_purge()
    {
        await using var app = await StartAsync();
        var email = RegistrationForms.NewEmail();
        var old = await app.SignAsync("petition-old", email, "Petra Petitioner", idempotencyKey: "key-1");
        app.Time.Advance(PetitionForm.KeptFor + TimeSpan.FromDays(1));
        var recent = await app.SignAsync("petition-new", RegistrationForms.NewEmail(), "Bea Bystander", idempotencyKey: "key-2");
        var petitions = app.Tables.ByName(PetitionForm.Table);
        var recentRows = (await RetentionData.RowsAsync(petitions, "petition-new")).Select(Key).ToList();

        var run = await app.PurgeAsync();

        Assert.Equal(
            [PurgeKinds.ClientSalts, PurgeKinds.UnmoderatedComments, PurgeKinds.PromotionEntries, PurgeKinds.PrivacyRequests, PurgeKinds.UnconfirmedSubmissions, PetitionForm.PurgeKind, PurgeKinds.ExportFiles, PurgeKinds.IdempotencyRecords],
            run.Results.Select(result => result.Kind));
        var report = await app.ReportAsync(run);
        // A petition needs no confirmation (issue 17 covers registrations and entries): nothing of it waits or expires.
        Assert.Equal(0, report.CountOf(PurgeKinds.UnconfirmedSubmissions));
        Assert.Equal(1, report.CountOf(PetitionForm.PurgeKind));
        Assert.Equal(1, report.CountOf(PurgeKinds.IdempotencyRecords));
        Assert.Empty(await RetentionData.RowsAsync(petitions, "petition-old"));
        Assert.False(await RetentionData.ExistsAsync(app.Tables.Subjects, old.SubjectKey, $"ref~{PetitionForm.RecordKind}~petition-old~{old.RowKey}"));
        Assert.Equal(4, recentRows.Count);
        Assert.Equal(recentRows, (await RetentionData.RowsAsync(petitions, "petition-new")).Select(Key));
        Assert.True(await RetentionData.ExistsAsync(app.Tables.Subjects, recent.SubjectKey, $"ref~{PetitionForm.RecordKind}~petition-new~{recent.RowKey}"));

        var again = await app.ReportAsync(await app.PurgeAsync());
        Assert.Equal(0, again.CountOf(PetitionForm.PurgeKind));
        Assert.Equal(0, again.CountOf(PurgeKinds.IdempotencyRecords));
    }

    private static string Key(TableEntity row) => $"{row.PartitionKey}/{row.RowKey}";

    private Task<TestApp> StartAsync() => PetitionForms.StartAsync(azurite.ConnectionString);
}
