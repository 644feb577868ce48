using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.ConsentLabels;
using Submissions.Domain.Privacy;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.ConsentLabels;

namespace Submissions.Functions.Tests.Forms;

/// <summary>Starts the app with the petition plugged in, and submits signatures as the site would.</summary>
public static class PetitionForms
{
    /// <summary>The app as Program.cs builds it, plus the petition form and its consent label.</summary>
    public static async Task<TestApp> StartAsync(string connectionString)
    {
        var app = await TestApp.StartAsync(connectionString, services: services => services.AddPetitionForm());
        await app.Services.GetRequiredService<ConsentLabelStore>().TryAddFirstVersionAsync(PetitionForm.Terms, TestContext.Current.CancellationToken);
        app.Services.GetRequiredService<ConsentLabelCatalog>().Invalidate();
        return app;
    }

    public static object[] Consents(bool terms = true) => [new { labelId = PetitionForm.Terms.LabelId, version = PetitionForm.Terms.Version, granted = terms }];

    public static object Body(string? email, string? name, object[]? consents = null) => new { email, name, consents = consents ?? Consents() };

    public static async Task<TestResponse> PostSignatureAsync(this TestApp app, string petitionId, object body, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.RecordSubmitted(body);
        var headers = idempotencyKey is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey };
        var request = HttpExchange.PostJson($"/api/petitions/{petitionId}/signatures", body, headers);
        return await app.Services.GetRequiredService<SignPetitionHandler>()
            .SubmitAsync(request, petitionId, TestContext.Current.CancellationToken)
            .ExecuteAsync(request);
    }

    /// <summary>Signs through the pipeline, and says where the signature was stored.</summary>
    public static async Task<Signature> SignAsync(this TestApp app, string petitionId, string email, string name, string? idempotencyKey = null)
    {
        var response = await app.PostSignatureAsync(petitionId, Body(email, name), idempotencyKey);
        if (response.Status != 201)
        {
            throw new InvalidOperationException($"Signing answered {response.Status}: {response.Body}");
        }

        var subject = app.Services.GetRequiredService<SubjectKeyHasher>().For(email).Value;
        return new Signature(
            petitionId,
            response.Json.GetProperty("signatureId").GetString()!,
            SignatureStore.RowKeyFor(subject),
            response.Json.GetProperty("receipt").GetProperty("id").GetString()!,
            subject);
    }
}
