using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Audit;
using Submissions.Application.Retention;

namespace Submissions.Functions.Http;

public sealed class AdminLogFunctions(AuditReadHandler audit, PurgeReportReadHandler purgeReports)
{
    [Function("ListAuditRecords")]
    public Task<IActionResult> ListAuditAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/audit")] HttpRequest request,
        CancellationToken cancellationToken) =>
        audit.ListAsync(request, cancellationToken);

    [Function("ListPurgeReports")]
    public Task<IActionResult> ListPurgeReportsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/purge-reports")] HttpRequest request,
        CancellationToken cancellationToken) =>
        purgeReports.ListAsync(request, cancellationToken);
}
