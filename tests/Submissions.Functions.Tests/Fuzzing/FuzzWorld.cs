using Submissions.Domain.OptOut;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// What exists in a fuzzed app before the first request (set up by <see cref="FuzzSetup"/>): the ids that reach deep
/// paths — an open and a closed poll, a running, an ended and a future promotion, pages with approved comments — and
/// real continuation, opt-out and confirmation tokens to mutate.
/// </summary>
public sealed class FuzzWorld
{
    public const string OpenPoll = "demo-poll";
    public const string ClosedPoll = "fuzz-closed-poll";
    public const string OpenPromotion = "demo-promotion";
    public const string EndedPromotion = "fuzz-ended-promotion";
    public const string FuturePromotion = "fuzz-future-promotion";

    public static IReadOnlyList<string> PollOptions { get; } = ["privacy", "serverless", "testing"];

    /// <summary>
    /// The site origins the fuzzed app allows (Cors__AllowedOrigins), already as a browser serializes them, so that
    /// "exactly an allowed origin" is an ordinal comparison with one of these.
    /// </summary>
    public static IReadOnlyList<string> AllowedOrigins { get; } = ["http://localhost:3000", "https://www.example.org"];

    /// <summary>
    /// Open polls and running promotions like the demo ones, and pages: accepted submissions spread over several
    /// partitions, so the ledger's read of a partition after each one stays small.
    /// </summary>
    public static IReadOnlyList<string> OpenPolls { get; } = [OpenPoll, .. Enumerable.Range(1, 5).Select(i => $"fuzz-open-poll-{i}")];

    public static IReadOnlyList<string> OpenPromotions { get; } = [OpenPromotion, .. Enumerable.Range(1, 5).Select(i => $"fuzz-open-promotion-{i}")];

    /// <summary>Pages the generators post to; the first holds approved comments, so a listing has pages to turn.</summary>
    public static IReadOnlyList<string> Pages { get; } = [.. Enumerable.Range(0, 8).Select(i => $"fuzz-page-{i}")];

    /// <summary>Continuation tokens the listing really returned (pageSize=1 over the approved comments).</summary>
    public IReadOnlyList<string> ContinuationTokens { get; init; } = [];

    /// <summary>Subject keys of people registered with special offers granted: valid opt-out links withdraw something.</summary>
    public IReadOnlyList<string> RegisteredSubjects { get; init; } = [];

    /// <summary>Issues a signed opt-out token for a subject key and scope, issued at the app's now plus a skew.</summary>
    public Func<string, OptOutScope, TimeSpan, string>? IssueOptOutToken { get; init; }

    /// <summary>Issues a signed confirmation token for a 16-byte id, valid for the given time from the app's now (negative: expired).</summary>
    public Func<byte[], TimeSpan, string>? IssueConfirmationToken { get; init; }

    /// <summary>Issues a token of another purpose (a privacy request's link) for a 16-byte id: it must never confirm.</summary>
    public Func<byte[], TimeSpan, string>? IssueOtherPurposeToken { get; init; }
    /// <summary>Issues a signed preference-centre token for a subject key, expiring at the app's now plus a validity.</summary>
    public Func<string, TimeSpan, string>? IssuePreferencesToken { get; init; }
}
