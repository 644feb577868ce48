using System.Diagnostics;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Concurrency;

/// <summary>One admin's erasure of a person, repeated after each 503 until it answers otherwise: every answer it got.</summary>
public sealed record ErasureRun(IReadOnlyList<TestResponse> Answers, long CompletedAt)
{
    public TestResponse Final => Answers[^1];

    /// <summary>Erases, and erases again 20 ms after each 503 (for at most 30 s), as an admin following Retry-After would.</summary>
    public static async Task<ErasureRun> UntilDoneAsync(TestApp app, string email)
    {
        ArgumentNullException.ThrowIfNull(app);
        var answers = new List<TestResponse>();
        var started = Stopwatch.StartNew();
        while (true)
        {
            var response = await app.EraseAsync(email);
            answers.Add(response);
            if (response.Status != 503 || started.Elapsed > TimeSpan.FromSeconds(30))
            {
                return new ErasureRun(answers, Stopwatch.GetTimestamp());
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Only the documented answers: 503s with Retry-After (the erasure to be repeated), then one 200.</summary>
    public void AssertOnlyDocumentedAnswers()
    {
        Assert.True(Final.Status == 200, $"The erasure ended with {Final.Status} after {Answers.Count} answers: {Final.Body}");
        Assert.All(Answers.SkipLast(1), answer =>
        {
            Assert.True(answer.Status == 503, $"An erasure answered {answer.Status}: {answer.Body}");
            Assert.False(string.IsNullOrEmpty(answer.Headers.RetryAfter.ToString()), "An erasure's 503 had no Retry-After.");
        });
    }
}
