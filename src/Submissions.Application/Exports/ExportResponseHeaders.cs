using Microsoft.AspNetCore.Http;

namespace Submissions.Application.Exports;

/// <summary>The headers of an export file, streamed or from a job: the same media type and file name either way.</summary>
internal static class ExportResponseHeaders
{
    public static void Apply(HttpResponse response, ExportRequest export)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = export.Format.ContentType;
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = $"attachment; filename=\"{export.FileName}\"";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
