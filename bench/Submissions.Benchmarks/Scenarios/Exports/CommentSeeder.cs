using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Submissions.Storage.Comments;

namespace Submissions.Benchmarks.Scenarios.Exports;

/// <summary>
/// Comments written straight into the Comments table with entity-group transactions — the forms would take far longer
/// and measure something else. Row i belongs to block i / 100, one transaction; blocks go round 200 pages, so 10,000
/// rows are 100 pages of 100 and 200,000 are 200 pages of 1,000. Every row is created inside <see cref="Day"/>.
/// </summary>
internal static class CommentSeeder
{
    public const int BlockSize = 100;
    private const int Pages = 200;

    /// <summary>The day every seeded comment is created on: the export range is exactly this day.</summary>
    public static readonly DateTimeOffset Day = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    // Sentences of realistic length; some carry a comma or a quote, so CSV quotes some cells as it would in production.
    private static readonly string[] Texts =
    [
        "Thanks for the write-up. The second half lost me a little, but the examples at the end made it click.",
        "I tried this at home, and it worked the first time — though the \"quick\" version took me an hour.",
        "Could you say more about how this compares with last year's edition? The numbers seem very different.",
        "Great article. Sharing it with my team tomorrow morning, we have been arguing about exactly this.",
    ];

    /// <summary>Adds rows [from, to), both multiples of <see cref="BlockSize"/>, a few transactions at a time.</summary>
    public static async Task AddAsync(TableClient table, int from, int to, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var blocks = Enumerable.Range(from / BlockSize, (to - from) / BlockSize);
        var done = 0;

        // Azurite is one Node.js process: a handful of transactions in flight keeps it busy without queueing behind it.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(blocks, parallel, async (block, token) =>
        {
            var actions = Enumerable.Range(block * BlockSize, BlockSize)
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Comment(block, i)));
            await table.SubmitTransactionAsync(actions, token);
            if (Interlocked.Increment(ref done) % 200 == 0)
            {
                Console.WriteLine($"  seeded {from + (done * BlockSize):N0} / {to:N0} rows");
            }
        });

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"  seeded rows {from:N0}–{to:N0} in {seconds:F1} s ({(to - from) / seconds:N0} rows/s)");
    }

    private static CommentEntity Comment(int block, int i)
    {
        // Spread over the day, 300 ms apart; all inside [Day, Day + 1 day) up to 288,000 rows.
        var createdAt = Day.AddMilliseconds(i * 300L);
        var number = i.ToString("D6", CultureInfo.InvariantCulture);
        var approved = i % 4 != 0;
        return new CommentEntity
        {
            PartitionKey = "page-" + (block % Pages).ToString("D3", CultureInfo.InvariantCulture),
            RowKey = CommentEntity.NewRowKey(createdAt),
            DisplayName = "Reader " + number,
            ShowName = i % 3 != 0,
            Email = $"reader.{number}@example.test",
            SubjectKey = Guid.NewGuid().ToString("N"),
            Text = Texts[i % Texts.Length] + " #" + number,
            Status = approved ? "approved" : "pending",
            ReceiptId = Guid.NewGuid().ToString("N"),
            CreatedAt = createdAt,
            ModeratedAt = approved ? createdAt.AddMinutes(30) : null,
        };
    }
}
