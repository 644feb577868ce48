using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Domain.Consent;
using Submissions.Domain.Privacy;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage;
using Submissions.Storage.Idempotency;
using Submissions.Storage.Ledger;
using Submissions.Storage.Subjects;

namespace Submissions.Functions.Tests.Forms;

/// <summary>A signature as stored: where it lives and what was written with it.</summary>
public sealed record Signature(string PetitionId, string SignatureId, string RowKey, string ReceiptId, string SubjectKey, string? IdempotencyRowKey);

/// <summary>
/// Stores a signature the way a form's store does: the index row in the signer's partition first, then one transaction
/// in the petition's partition — the record row (naming its receipt and idempotency row), the receipt and consent rows,
/// and the idempotency row when the request had a key. Test-only: the submission step, to be swapped for a submission
/// through the forms pipeline once a form can plug its store step in there.
/// </summary>
public static class SignatureWriter
{
    public const string RowKeyPrefix = "signature~";

    /// <summary>The one consent the petition asks for; not in the catalog, so the bundle shows it without text.</summary>
    public static readonly ConsentLabel Terms = new(
        "petition-terms", 1, ConsentPurpose.Terms, "Add my name to this petition.", Required: true, [PetitionForm.Kind], ["email", "name"], null, ConsentLabelStatus.Active, DateTimeOffset.UnixEpoch);

    public static async Task<Signature> SignAsync(this TestApp app, string petitionId, string email, string name, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cancellationToken = TestContext.Current.CancellationToken;
        var subject = app.Services.GetRequiredService<SubjectKeyHasher>().For(email).Value;
        var now = app.Time.GetUtcNow();
        var signature = new Signature(
            petitionId, Guid.CreateVersion7().ToString("N"), RowKeyPrefix + subject, Guid.CreateVersion7().ToString("N"), subject,
            idempotencyKey is null ? null : $"{IdempotencyRecords.RowKeyPrefix}{PetitionForm.Kind}~{Hash(idempotencyKey)}");

        await app.Services.GetRequiredService<SubjectIndex>().RecordAsync(
            subject, PetitionForm.RecordKind, PetitionForm.Table, petitionId, signature.RowKey, now, cancellationToken);

        var receipt = new ConsentReceiptDraft(signature.ReceiptId, PetitionForm.Kind, now, [new ConsentDecision(Terms, Granted: true)]);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(petitionId, signature.RowKey)
            {
                ["SignatureId"] = signature.SignatureId,
                ["SubjectKey"] = subject,
                ["Email"] = email,
                ["Name"] = name,
                ["CreatedAt"] = now,
                ["ReceiptId"] = signature.ReceiptId,
                ["IdempotencyRowKey"] = signature.IdempotencyRowKey,
            }),
        };
        actions.AddRange(receipt.LedgerActions(petitionId, subject, signature.SignatureId));
        if (idempotencyKey is not null)
        {
            var claim = new IdempotencyClaim(PetitionForm.Kind, Hash(idempotencyKey), Hash(email + name));
            actions.Add(IdempotencyRecords.AddAction(petitionId, claim, new StoredResponse(201, $"{{\"id\":\"{signature.SignatureId}\"}}"), now));
        }

        await app.Services.GetRequiredService<SubmissionsTables>().ByName(PetitionForm.Table).SubmitTransactionAsync(actions, cancellationToken);
        return signature;
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
