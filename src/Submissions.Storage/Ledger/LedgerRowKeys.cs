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
    /// consent~{subject key}~{labelId}~{inverted ticks}~{receiptId}. Subject first: all of one person's records in a
    /// partition (a subject's own, or a page, poll or promotion shared by many people) are one contiguous range — what
    /// access and erasure read — and within it one label's records are a sub-range, newest first, so a person's latest
    /// answer to a label is the first row of that.
    /// </summary>
    public static string Consent(string labelId, string? subjectKey, DateTimeOffset recordedAt, string receiptId) =>
        string.Create(CultureInfo.InvariantCulture, $"{ConsentPrefix}{subjectKey ?? Anonymous}~{labelId}~{DateTimeOffset.MaxValue.UtcTicks - recordedAt.UtcTicks:D19}~{receiptId}");

    /// <summary>The range holding one person's records of one label: [From, To).</summary>
    public static (string From, string To) ConsentRange(string labelId, string subjectKey) =>
        ($"{ConsentPrefix}{subjectKey}~{labelId}~", $"{ConsentPrefix}{subjectKey}~{labelId}~~");

    /// <summary>The range holding every consent record of one person in a partition: [From, To).</summary>
    public static (string From, string To) SubjectRange(string subjectKey) =>
        ($"{ConsentPrefix}{subjectKey}~", $"{ConsentPrefix}{subjectKey}~~");
}
