using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Statistics;

namespace Submissions.Functions.Http;

public sealed class StatisticsFunctions(StatisticsHandler handler)
{
    [Function("GetStatistics")]
    public Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/stats")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.GetAsync(request, cancellationToken);
}
