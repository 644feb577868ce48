using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Submissions.Application.Http;
using Submissions.Domain;
using Submissions.Domain.Delivery;
using Submissions.Storage.Partners;

namespace Submissions.Application.Partners;

/// <summary>GET manage/partners and manage/partners/{partnerId}: each partner with its health, read from storage, never a secret.</summary>
public sealed class PartnerReadHandler(PartnerStore store, IConfiguration configuration, FormStorageGuard guard)
{
    private const string Listing = "partners";

    private static readonly StorageUnavailableAnswer Unavailable = new("Partners are temporarily unavailable.", "partners.read");

    public Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        AdminListing.ServeAsync(
            request, Listing, guard, Unavailable,
            paging => store.ListAsync(paging.Size, paging.StorageToken, cancellationToken),
            (partners, next) => new PartnersPage([.. partners.Select(View)], next),
            cancellationToken);

    public async Task<IActionResult> GetAsync(string partnerId, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(partnerId))
        {
            return Problems.InvalidId("partnerId");
        }

        return await guard.ServeAsync(Unavailable, async () =>
            await store.GetAsync(partnerId, cancellationToken) is { } partner
                ? ApiResult.Ok(View(partner)).WithHeader("Cache-Control", "no-store")
                : Problems.NotFound("No partner with this id."), cancellationToken);
    }

    /// <summary>Counts the configured secrets as the signer parses them; a value it cannot use counts as none.</summary>
    private PartnerDetailsView View(StoredPartner partner) =>
        PartnerDetailsView.From(
            partner, WebhookSignature.TryParseSecrets(configuration[PartnerSettings.SigningSecret(partner.PartnerId)], out var secrets) ? secrets.Count : 0);
}
