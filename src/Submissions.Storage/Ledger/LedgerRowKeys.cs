using System.Globalization;

namespace Submissions.Storage.Ledger;

/// <summary>Row keys of the consent ledger, the same in every partition that holds one.</summary>
public static class LedgerRowKeys
{
    public const string ReceiptPrefix = "receipt~";
    public const string ConsentPrefix = "consent~";

    public static string Receipt(string receiptId) => ReceiptPrefix + receiptId;

    /// <summary>Stands for the person in ledger keys of a submission made without an email.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>
    /// consent~{labelId}~{subject key}~{inverted ticks}~{receiptId}: one person's records of one label are a contiguous
    /// range, newest first, in every partition that holds a ledger (a subject's own, or a page, poll or promotion
    /// shared by many people) — so a person's latest answer there is the first row of that range.
    /// </summary>
    public static string Consent(string labelId, string? subjectKey, DateTimeOffset recordedAt, string receiptId) =>
        string.Create(CultureInfo.InvariantCulture, $"{ConsentPrefix}{labelId}~{subjectKey ?? Anonymous}~{DateTimeOffset.MaxValue.UtcTicks - recordedAt.UtcTicks:D19}~{receiptId}");

    /// <summary>The range holding one person's records of one label: [From, To).</summary>
    public static (string From, string To) ConsentRange(string labelId, string subjectKey) =>
        ($"{ConsentPrefix}{labelId}~{subjectKey}~", $"{ConsentPrefix}{labelId}~{subjectKey}~~");
}
