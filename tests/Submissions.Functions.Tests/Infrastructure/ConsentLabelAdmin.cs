using System.Text.Json;
using Submissions.Functions.Http;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>Calls the consent label functions as the site and an admin would.</summary>
public sealed class ConsentLabelAdmin(TestApp app)
{
    public async Task<TestResponse> PutAsync(
        string labelId, string text, bool required = false, string[]? forms = null, string[]? fields = null,
        string purpose = "terms", string? partner = null, string? status = null)
    {
        var body = JsonSerializer.Serialize(new { purpose, text, required, forms = forms ?? ["registration"], fields = fields ?? ["email"], partner, status }, HttpExchange.JsonOptionsOmittingNulls);
        return await PutRawAsync(labelId, body);
    }

    public async Task<TestResponse> PutRawAsync(string labelId, string body)
    {
        var request = HttpExchange.Request("PUT", $"/api/manage/consent-labels/{labelId}", body);
        return await app.Function<ConsentLabelFunctions>().PutAsync(request, labelId, CancellationToken.None).ExecuteAsync(request);
    }

    public async Task<TestResponse> GetForFormAsync(string? form, string? promotionId = null)
    {
        var query = form is null ? null : $"?form={Uri.EscapeDataString(form)}" + (promotionId is null ? string.Empty : $"&promotionId={Uri.EscapeDataString(promotionId)}");
        var request = HttpExchange.Request("GET", "/api/consent-labels", contentType: null, query: query);
        return await app.Function<ConsentLabelFunctions>().GetForFormAsync(request, CancellationToken.None).ExecuteAsync(request);
    }
}
