using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage.Audit;

namespace Submissions.Functions.Tests.Admin;

/// <summary>An audited admin read names the signed-in admin by the object id in their App Service principal.</summary>
public sealed class AdminAuditActorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_signed_in_principal_is_the_actor_and_none_of_its_other_claims_is_stored()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var headers = Principals.Headers(Principals.WithRoles(Principals.AdminRole));
        headers["X-MS-CLIENT-PRINCIPAL-ID"] = Guid.NewGuid().ToString();

        var response = await app.AccessAsync(RegistrationForms.NewEmail(), headers);

        Assert.Equal(200, response.Status);
        var record = Assert.Single(await app.Tables.Audit.RowsAsync());
        Assert.Equal(Principals.ObjectId, record.GetString(nameof(AuditEntity.Actor)));
        Assert.False(record.Mentions(Principals.Name));
    }
}
