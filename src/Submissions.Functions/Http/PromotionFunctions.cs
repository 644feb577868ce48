using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Promotions;

namespace Submissions.Functions.Http;

public sealed class PromotionFunctions(EnterPromotionHandler enter, PutPromotionHandler put)
{
    [Function("EnterPromotion")]
    public Task<IActionResult> EnterAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "promotions/{promotionId}/entries")] HttpRequest request,
        string promotionId,
        CancellationToken cancellationToken) =>
        enter.SubmitAsync(request, promotionId, cancellationToken);

    [Function("PutPromotion")]
    public Task<IActionResult> PutPromotionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/promotions/{promotionId}")] HttpRequest request,
        string promotionId,
        CancellationToken cancellationToken) =>
        put.PutAsync(request, promotionId, cancellationToken);
}
