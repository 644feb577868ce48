using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Submissions.Application.Http;
using Submissions.Domain.Privacy;

namespace Submissions.Application.Abuse;

/// <summary>
/// A sliding-window limit per form and client, where the client is its address's key under the day's random salt. It lives
/// in the instance's memory: it costs no storage round trip, and with N instances a client can make up to N times the
/// limit (the platform spreads a client's requests, so in practice fewer). A global limit belongs in front of the app
/// (Front Door or Application Gateway WAF rate rules), documented in docs/architecture.md.
/// </summary>
public sealed partial class SubmissionRateLimiter : IDisposable
{
    private const string UnknownClient = "unknown";
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly DailyClientHasher clients;
    private readonly ClientDaySalts salts;
    private readonly TimeProvider time;
    private readonly RateLimitOptions options;
    private readonly ILogger<SubmissionRateLimiter> logger;

    public SubmissionRateLimiter(DailyClientHasher clients, ClientDaySalts salts, TimeProvider time, IOptions<RateLimitOptions> options, ILogger<SubmissionRateLimiter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.clients = clients;
        this.salts = salts;
        this.time = time;
        this.options = options.Value;
        this.logger = logger;
        var window = TimeSpan.FromSeconds(this.options.WindowSeconds);
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = this.options.PermitsPerWindow,
            Window = window,
            SegmentsPerWindow = 6,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Null when the request may proceed; otherwise the 429 to answer with.</summary>
    public async ValueTask<ApiResult?> TryRejectAsync(string form, HttpRequest request, CancellationToken cancellationToken)
    {
        var address = ClientAddress.Resolve(request, options.FrontDoorId);
        var client = address is null
            ? UnknownClient
            : clients.For(address, await salts.ForAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken));
        using var lease = limiter.AttemptAcquire($"{form}|{client}");
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(options.WindowSeconds);
        // No part of the key: with the pepper, even 32 bits of it narrowed an IPv4 address down to a handful.
        LogLimited(logger, form);
        return Problems.TooManyRequests(retryAfter);
    }

    public void Dispose() => limiter.Dispose();

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "{Form} submission rate-limited")]
    private static partial void LogLimited(ILogger logger, string form);
}
