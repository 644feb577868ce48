using Submissions.Storage.Promotions;

namespace Submissions.Storage.Confirmations;

/// <summary>
/// A confirmation id names where its pending row lives, so a confirm link and a mail's queue message find it with no
/// pointer row (issue 18): <c>{uuid}_s{subject key}</c> for a registration (Subjects, the person's partition),
/// <c>{uuid}_p{NN}{promotionId}</c> for an entry (Promotions, bucket NN). Only letters, digits, '-' and '_', at most
/// <see cref="MaxLength"/> characters. A bare 32-character UUID is an id written before issue 18, found by its pointer.
/// </summary>
public static class ConfirmationIds
{
    /// <summary>32 (UUID) + 2 + 2 (bucket) + 64 (promotion id) — a registration's is 98.</summary>
    public const int MaxLength = 100;

    private const int UuidLength = 32;

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");
    private const string SubjectsTag = "_s";
    private const string PromotionTag = "_p";

    /// <summary>A new confirmation id for a pending row in <paramref name="table"/>'s <paramref name="partition"/>.</summary>
    public static string New(string table, string partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var uuid = Guid.CreateVersion7().ToString("N");
        return table switch
        {
            SubmissionsTables.SubjectsName => uuid + SubjectsTag + partition,
            SubmissionsTables.PromotionsName when PromotionPartitions.PromotionIdOf(partition) is var promotionId && promotionId != partition =>
                uuid + PromotionTag + partition[(promotionId.Length + 1)..] + promotionId,
            _ => throw new ArgumentException("A pending row lives in a person's Subjects partition or a promotion's bucket.", nameof(table)),
        };
    }

    /// <summary>The table and partition an id names; null for an id written before issue 18 (its pointer says) or a malformed one.</summary>
    public static (string Table, string Partition)? Location(string? confirmationId)
    {
        if (!IsWellFormed(confirmationId) || confirmationId!.Length == UuidLength)
        {
            return null;
        }

        var tag = confirmationId.Substring(UuidLength, 2);
        var rest = confirmationId[(UuidLength + 2)..];
        if (tag == SubjectsTag)
        {
            return rest.Length == 64 && rest.All(char.IsAsciiHexDigitLower) ? (SubmissionsTables.SubjectsName, rest) : null;
        }

        var bucket = rest.Length > 2 ? $"{rest[2..]}~{rest[..2]}" : null;
        return tag == PromotionTag && PromotionPartitions.IsValid(bucket) ? (SubmissionsTables.PromotionsName, bucket!) : null;
    }

    /// <summary>Whether the id was written before issue 18: a bare UUID, which only its pointer row locates.</summary>
    public static bool HasPointer(string confirmationId) => confirmationId?.Length == UuidLength;

    /// <summary>The UUID part alone, for logs and mail headers: a registration's id also names the person's subject key.</summary>
    public static string ShortForm(string confirmationId)
    {
        ArgumentNullException.ThrowIfNull(confirmationId);
        return confirmationId.Length > UuidLength ? confirmationId[..UuidLength] : confirmationId;
    }

    /// <summary>Letters, digits, '-' and '_' only, a UUID's 32 hex digits first.</summary>
    public static bool IsWellFormed(string? confirmationId) =>
        confirmationId is { Length: >= UuidLength and <= MaxLength }
        && !confirmationId.AsSpan(0, UuidLength).ContainsAnyExcept(LowerHex)
        && confirmationId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
