using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// votes: one line per vote by CreatedAt. votedWith says which key the row is: "token" (a vote given with a token, and
/// maybe an email too) or "email" (an email only). No voter key or subject key is exported.
/// </summary>
public sealed class VoteExport(ExportQueries queries) : IExportSource
{
    private static readonly string[] Columns = ["voteId", "pollId", "optionId", "votedWith", "createdAt", "receiptId"];

    public string Kind => ExportKinds.Votes;

    public Task<ExportPlan> PlanAsync(ExportRange range, CancellationToken cancellationToken) =>
        Task.FromResult(new ExportPlan(Columns, (writer, token) => WritePagesAsync(range, writer, token)));

    private IAsyncEnumerable<int> WritePagesAsync(ExportRange range, ExportRowWriter writer, CancellationToken cancellationToken) =>
        ExportPages.WriteAsync(queries.VotePagesAsync(range, cancellationToken), writer, WriteRow, cancellationToken);

    private static void WriteRow(ExportRowWriter writer, VoteExportRow vote)
    {
        writer.Text(vote.VoteId);
        writer.Text(vote.PollId);
        writer.Text(vote.OptionId);
        writer.Text(vote.WithToken ? "token" : "email");
        writer.Time(vote.CreatedAt);
        writer.Text(vote.ReceiptId);
    }
}
