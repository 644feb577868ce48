using Microsoft.Extensions.Logging;
using Submissions.Storage;
using Submissions.Storage.ClientSalts;

namespace Submissions.Application.Abuse;

/// <summary>
/// Today's random salt for client-address keys, shared by every instance through storage (<see cref="ClientSaltStore"/>)
/// and held in memory for the day; the previous day's is dropped from memory as soon as a new day's is asked for.
/// If storage cannot give it, the instance uses a salt of its own for a minute and then asks again: the rate limit is
/// per instance anyway, and a form must not wait on storage for a salt before it is even read.
/// </summary>
public sealed partial class ClientDaySalts(ClientSaltStore store, TimeProvider time, ILogger<ClientDaySalts> logger) : IDisposable
{
    private static readonly TimeSpan LocalSaltLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StorageWait = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile CachedSalt? current;

    /// <summary>The salt of <paramref name="day"/> (a UTC day).</summary>
    public async ValueTask<byte[]> ForAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (current is { } cached && cached.Day == day && cached.IsFresh(time.GetUtcNow()))
        {
            return cached.Salt;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            if (current is { } loaded && loaded.Day == day && loaded.IsFresh(time.GetUtcNow()))
            {
                return loaded.Salt;
            }

            current = await LoadAsync(day, cancellationToken);
            return current.Salt;
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose() => loading.Dispose();

    private async Task<CachedSalt> LoadAsync(DateOnly day, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(StorageWait);
        try
        {
            return new CachedSalt(day, await store.GetOrCreateAsync(day, wait.Token), null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (ex is OperationCanceledException || StorageFailure.Is(ex, cancellationToken)))
        {
            var (status, errorCode) = ex is OperationCanceledException ? (0, "timeout") : StorageFailure.Describe(ex);
            LogLocalSalt(logger, status, errorCode ?? "none");
            return new CachedSalt(day, System.Security.Cryptography.RandomNumberGenerator.GetBytes(ClientSaltStore.SaltBytes), time.GetUtcNow() + LocalSaltLifetime);
        }
    }

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "The shared client salt could not be read (storage status {Status} {ErrorCode}); this instance uses its own for a minute")]
    private static partial void LogLocalSalt(ILogger logger, int status, string errorCode);

    /// <summary>A day's salt; one drawn locally (storage unavailable) expires so storage is asked again.</summary>
    private sealed record CachedSalt(DateOnly Day, byte[] Salt, DateTimeOffset? ExpiresAt)
    {
        public bool IsFresh(DateTimeOffset now) => ExpiresAt is not { } expires || now < expires;
    }
}
