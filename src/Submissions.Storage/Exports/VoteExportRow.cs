namespace Submissions.Storage.Exports;

/// <summary>One vote as the votes export writes it. <see cref="WithToken"/>: its row is the one keyed by a voter token.</summary>
public sealed record VoteExportRow(string VoteId, string PollId, string OptionId, bool WithToken, DateTimeOffset CreatedAt, string ReceiptId);
