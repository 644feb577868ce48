using Azure.Data.Tables;
using Submissions.Testing;

namespace Submissions.Functions.Tests.Faults;

/// <summary>The fault tests stop and restart an Azurite of their own by PID: what they rely on, shown once.</summary>
public sealed class AzuriteRestartTests
{
    [Fact]
    public async Task An_azurite_on_disk_refuses_while_stopped_and_comes_back_on_its_ports_with_its_data()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var azurite = await AzuriteProcess.StartAsync(onDisk: true);
        var table = new TableClient(azurite.ConnectionString, "restarted");
        await table.CreateAsync(cancellation);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 1 }, cancellation);
        var firstPid = azurite.ProcessId;
        await azurite.WaitForSaveAsync();

        await azurite.StopAsync();
        Assert.Null(azurite.ProcessId);
        await Assert.ThrowsAnyAsync<Exception>(() => table.GetEntityAsync<TableEntity>("p", "r", cancellationToken: cancellation));

        await azurite.RestartAsync();
        Assert.NotEqual(firstPid, azurite.ProcessId);
        var entity = await table.GetEntityAsync<TableEntity>("p", "r", cancellationToken: cancellation);
        Assert.Equal(1, entity.Value.GetInt32("Value"));
    }
}
