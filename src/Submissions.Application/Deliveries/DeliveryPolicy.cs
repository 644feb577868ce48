using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Submissions.Application.Deliveries;

/// <summary>Where webhooks may go, decided once from options and environment.</summary>
public sealed class DeliveryPolicy(IOptions<DeliveryOptions> options, IHostEnvironment environment)
{
    public bool AllowPrivateDestinations { get; } = options.Value.AllowPrivateDestinations ?? environment.IsDevelopment();

    /// <summary>https always; http only where private destinations are allowed (Development).</summary>
    public bool IsAllowedScheme(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Scheme == Uri.UriSchemeHttps || (AllowPrivateDestinations && url.Scheme == Uri.UriSchemeHttp);
    }
}
