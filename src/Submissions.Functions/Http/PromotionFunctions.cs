using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Promotions;

namespace Submissions.Functions.Http;

public sealed class PromotionFunctions(GetPromotionHandler get, EnterPromotionHandler enter, PutPromotionHandler put, PromotionReadHandler read)
{
    [Function("GetPromotion")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "promotions/{promotionId}")] HttpRequest request,
        string promotionId,
        CancellationToken cancellationToken) =>
        get.GetAsync(promotionId, cancellationToken);

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

    [Function("ListPromotions")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/promotions")] HttpRequest request,
        CancellationToken cancellationToken) =>
        read.ListAsync(request, cancellationToken);

    [Function("GetPromotionDefinition")]
    public Task<IActionResult> GetDefinitionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/promotions/{promotionId}")] HttpRequest request,
        string promotionId,
        CancellationToken cancellationToken) =>
        read.GetAsync(promotionId, cancellationToken);
}
