namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// The rows one stored submission of each form is made of, by kind (<see cref="StoredRows.Kinds"/>), as the fault
/// tests' submissions send them: with an Idempotency-Key, the comment and the vote with an email, the entry sharing;
/// registrations and entries confirmed by their owner.
/// </summary>
public static class RecordShapes
{
    /// <summary>
    /// Confirmed (issue 17): the member, its ledger rows as of the confirmation and the confirmation record (issue 18:
    /// no pointer; its confirmation id names the partition).
    /// </summary>
    public const string Registration = "Subjects/confirmation×1, Subjects/consent×3, Subjects/idem×1, Subjects/member×1, Subjects/receipt×1";
    public const string Comment = "Comments/comment×1, Comments/consent×2, Comments/idem×1, Comments/receipt×1, Subjects/ref×1";

    /// <summary>Voter rows for the token and the email; "meta" is the tally shard it counted in (added or replaced).</summary>
    public const string Vote = "Polls/consent×1, Polls/idem×1, Polls/meta×1, Polls/receipt×1, Polls/voter×2, Subjects/ref×1";

    /// <summary>
    /// Confirmed, with the delivery it owes the partner; its pending row's index row went with the pending row. (Its
    /// key's marker, issue 18, is bookkeeping <see cref="StoredRows"/> leaves out: PromotionBucketTests holds it.)
    /// </summary>
    public const string Entry = "Promotions/confirmation×1, Promotions/consent×2, Promotions/delivery×1, Promotions/entry×1, Promotions/idem×1, Promotions/receipt×1, Subjects/ref×1";

    /// <summary>A registration not yet confirmed: its pending row, receipt and key's record.</summary>
    public const string PendingRegistration = "Subjects/idem×1, Subjects/pending×1, Subjects/receipt×1";

    /// <summary>An entry not yet confirmed: its pending row, receipt and key's record in the entrant's bucket, and the person's index row to the pending row.</summary>
    public const string PendingEntry = "Promotions/idem×1, Promotions/pending×1, Promotions/receipt×1, Subjects/ref×1";

    /// <summary>Shapes added up: "A×1, B×2" and "B×1" make "A×1, B×3".</summary>
    public static string Sum(IEnumerable<string> shapes) =>
        string.Join(", ", shapes
            .SelectMany(shape => shape.Split(", "))
            .Select(part => part.Split('×'))
            .GroupBy(part => part[0], part => int.Parse(part[1], System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Key}×{group.Sum()}"));
}
