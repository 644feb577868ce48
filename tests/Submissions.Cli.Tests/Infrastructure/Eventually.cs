namespace Submissions.Cli.Tests.Infrastructure;

/// <summary>Polls a condition that background work (queue triggers, mail) makes true, instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, int seconds = 60)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {seconds} s waiting for {what}.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    public static Task HoldsAsync(Func<Task<bool>> probe, string what, int seconds = 60) =>
        GetAsync<object>(async () => await probe() ? new object() : null, what, seconds);
}
