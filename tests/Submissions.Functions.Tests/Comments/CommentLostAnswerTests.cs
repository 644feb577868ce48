using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Azure;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Comments;

/// <summary>
/// The storage SDK resends a transaction whose answer was lost; the resend conflicts with the comment's own idempotency
/// record. That is this attempt's comment, not a concurrent retry's: its index row must stay, or erasure could never
/// find the comment's text.
/// </summary>
public sealed class CommentLostAnswerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_comment_whose_transaction_answer_was_lost_keeps_its_index_row_and_is_erased()
    {
        var loseOnce = new LoseFirstBatchAnswer();
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            services: services => services.AddAzureClients(clients =>
                clients.ConfigureDefaults(options => options.AddPolicy(loseOnce, HttpPipelinePosition.PerRetry))));
        var email = RegistrationForms.NewEmail();
        var body = CommentForms.Body(CommentForms.NewPageId(), email: email);
        app.RecordSubmitted(body);

        var posted = await app.PostCommentAsync(body, new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() });

        Assert.Equal(201, posted.Status);
        Assert.True(loseOnce.Lost, "the transaction's answer was not dropped: the test proved nothing");
        Assert.Single((await app.AccessAsync(email)).Json.GetProperty("comments").EnumerateArray());
        var erased = await app.EraseAsync(email);
        Assert.Equal(1, erased.Json.GetProperty("removed").GetProperty("comments").GetInt32());
        Assert.DoesNotContain(await app.Tables.Comments.RowsAsync(), row => JsonSerializer.Serialize(row).Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Lets the first entity-group transaction reach storage, then loses its answer (the SDK retries I/O errors).</summary>
    private sealed class LoseFirstBatchAnswer : HttpPipelinePolicy
    {
        private int lost;

        public bool Lost => Volatile.Read(ref lost) == 1;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            ThrowIfFirstBatch(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            ThrowIfFirstBatch(message);
        }

        private void ThrowIfFirstBatch(HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Exchange(ref lost, 1) == 0)
            {
                throw new IOException("The transaction's answer was lost on the way back.");
            }
        }
    }
}
