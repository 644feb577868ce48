using System.Globalization;

namespace Submissions.Storage.Ledger;

/// <summary>Row keys of the consent ledger, the same in every partition that holds one.</summary>
public static class LedgerRowKeys
{
    public const string ReceiptPrefix = "receipt~";
    public const string ConsentPrefix = "consent~";

    public static string Receipt(string receiptId) => ReceiptPrefix + receiptId;

    /// <summary>
    /// consent~{labelId}~{inverted ticks}~{receiptId}: within one label, the newest record sorts first, so the
    /// effective consent is the first row of a one-label range query.
    /// </summary>
    public static string Consent(string labelId, DateTimeOffset recordedAt, string receiptId) =>
        string.Create(CultureInfo.InvariantCulture, $"{ConsentPrefix}{labelId}~{DateTimeOffset.MaxValue.UtcTicks - recordedAt.UtcTicks:D19}~{receiptId}");
}
