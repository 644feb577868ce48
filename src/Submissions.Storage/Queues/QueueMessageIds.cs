using Submissions.Domain;

namespace Submissions.Storage.Queues;

/// <summary>
/// What the ids in a queue message must look like to name a row: the owner (promotion, partner) by the app's one id
/// rule, the delivery or notice by 1 to 64 letters, digits, dashes or underscores. A message that breaks them was not
/// sent by this app, and no retry can mend it.
/// </summary>
internal static class QueueMessageIds
{
    public static bool AreValid(string? ownerId, string? rowId, int maxRowIdLength = 64) =>
        Identifiers.IsValid(ownerId)
        && rowId is { Length: > 0 } && rowId.Length <= maxRowIdLength
        && rowId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
