using System.Globalization;

namespace Submissions.Storage.Subjects;

/// <summary>
/// Row keys inside a subject's partition. The prefixes keep each kind of row in its own contiguous range so a
/// range query reads exactly one kind.
/// </summary>
public static class SubjectRowKeys
{
    public const string Member = "member";
    public const string ReceiptPrefix = "receipt~";
    public const string ConsentPrefix = "consent~";
    public const string IdempotencyPrefix = "idem~";

    public static string Receipt(string receiptId) => ReceiptPrefix + receiptId;

    /// <summary>
    /// consent~{labelId}~{inverted ticks}~{receiptId}: within one label, the newest record sorts first, so the
    /// effective consent is the first row of a one-label range query.
    /// </summary>
    public static string Consent(string labelId, DateTimeOffset recordedAt, string receiptId) =>
        string.Create(CultureInfo.InvariantCulture, $"{ConsentPrefix}{labelId}~{DateTimeOffset.MaxValue.UtcTicks - recordedAt.UtcTicks:D19}~{receiptId}");

    public static string Idempotency(string form, string keyHash) => $"{IdempotencyPrefix}{form}~{keyHash}";
}
