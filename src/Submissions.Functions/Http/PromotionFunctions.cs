using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Partners;
using Submissions.Application.Promotions;

namespace Submissions.Functions.Http;

public sealed class PromotionFunctions(PromotionsHandler promotions, PartnersHandler partners)
{
    [Function("EnterPromotion")]
    public Task<IActionResult> EnterAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "promotions/{promotionId}/entries")] HttpRequest request,
        string promotionId,
        CancellationToken cancellationToken) =>
        promotions.EnterAsync(request, promotionId, cancellationToken);

    [Function("PutPromotion")]
    public Task<IActionResult> PutPromotionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/promotions/{promotionId}")] HttpRequest request,
        string promotionId,
        CancellationToken cancellationToken) =>
        promotions.PutAsync(request, promotionId, cancellationToken);

    [Function("PutPartner")]
    public Task<IActionResult> PutPartnerAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/partners/{partnerId}")] HttpRequest request,
        string partnerId,
        CancellationToken cancellationToken) =>
        partners.PutAsync(request, partnerId, cancellationToken);
}
