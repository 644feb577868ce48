using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Submissions.Application.Partners;
using Submissions.Domain.Delivery;

namespace Submissions.Application.Deliveries;

/// <summary>
/// Signs and posts one webhook and classifies the answer — the one place that does so for leads and notices alike, so
/// both share the destination policy, the signing, the resilient client and what counts as final or transient.
/// </summary>
public sealed class SignedWebhookSender(IHttpClientFactory httpClients, DeliveryPolicy policy, IConfiguration configuration, TimeProvider time)
{
    /// <summary>
    /// The partner's webhook URL (a scheme the policy allows) and its signing secrets from configuration
    /// (<see cref="PartnerSettings.SigningSecret"/>: one, or several separated by spaces during a rotation). False with
    /// the reason when either is unusable: that will not heal by retrying.
    /// </summary>
    public bool TryResolve(string partnerId, string? webhookUrl, [NotNullWhen(true)] out WebhookTarget? target, [NotNullWhen(false)] out string? refusal)
    {
        target = null;
        if (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var url) || !policy.IsAllowedScheme(url))
        {
            refusal = "destination-not-allowed";
            return false;
        }

        if (!WebhookSignature.TryParseSecrets(configuration[PartnerSettings.SigningSecret(partnerId)], out var secrets))
        {
            refusal = "signing-secret-missing";
            return false;
        }

        target = new WebhookTarget(url, secrets);
        refusal = null;
        return true;
    }

    /// <summary>
    /// Posts the payload signed with Standard Webhooks headers and returns the partner's final answer
    /// (<see cref="WebhookAnswer"/>); a transient failure (5xx, 408, 429, timeout, unreachable) after the client's own
    /// retries throws <see cref="TransientDeliveryException"/>.
    /// </summary>
    public async Task<WebhookAnswer> PostAsync(WebhookTarget target, string webhookId, byte[] payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var timestamp = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.SignAll(target.Secrets, webhookId, timestamp, payload));
        var started = new StrongBox<int>();
        request.Options.Set(StartedRequestsHandler.Key, started);
        try
        {
            using var response = await httpClients.CreateClient(PartnerWebhookClient.Name).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (status >= 500 || status is 408 or 429)
            {
                throw new TransientDeliveryException($"The partner answered {status} after retries.", $"http-{status}");
            }

            // Any answer, a refusal too, means the body reached the partner: only a request that never connected left nothing.
            return new WebhookAnswer(status is >= 200 and < 300 ? null : $"http-{status}", NothingReachedPartner: false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is DestinationNotAllowedException)
        {
            return new WebhookAnswer("destination-not-allowed", NothingReachedPartner: started.Value <= 1);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TransientDeliveryException(
                $"The partner could not be reached ({ex.GetType().Name}).",
                ex is HttpRequestException ? "unreachable" : "timeout",
                ex);
        }
    }
}
