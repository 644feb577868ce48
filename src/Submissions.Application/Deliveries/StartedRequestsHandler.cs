using System.Runtime.CompilerServices;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Counts the requests one webhook send started, in-process retries included: it sits inside the resilience handler,
/// so every try passes through it. Only a send whose one and only request was refused before it connected (the
/// destination guard) left nothing with the partner; after a retry, an earlier try (timed out, 5xx) may have.
/// </summary>
internal sealed class StartedRequestsHandler : DelegatingHandler
{
    /// <summary>Where the sender asks for the count: a box on the request's options, shared by every try of it.</summary>
    public static readonly HttpRequestOptionsKey<StrongBox<int>> Key = new("submissions.started-requests");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Key, out var started))
        {
            Interlocked.Increment(ref started.Value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
