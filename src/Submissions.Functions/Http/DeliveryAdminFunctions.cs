using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Deliveries;

namespace Submissions.Functions.Http;

public sealed class DeliveryAdminFunctions(DeliveriesAdminHandler handler)
{
    [Function("ListFailedDeliveries")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/deliveries")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.ListAsync(request, cancellationToken);

    [Function("RetryDelivery")]
    public Task<IActionResult> RetryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/deliveries/{deliveryId}/retry")] HttpRequest request,
        string deliveryId,
        CancellationToken cancellationToken) =>
        handler.RetryAsync(deliveryId, cancellationToken);
}
