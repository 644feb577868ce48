using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Faults;

/// <summary>
/// One form's submission caught in a storage outage: its own app on the fault storage (so its consent catalog is warm
/// or cold on its own), what it needs stored beforehand, the same body and Idempotency-Key on every try, and the rows
/// one stored copy of it is made of.
/// </summary>
public abstract class OutageSubmission(string name, bool coldCatalog = false) : IAsyncDisposable
{
    private TestApp? app;

    public TestApp App => app ?? throw new InvalidOperationException("Not prepared.");

    protected Dictionary<string, string> Key { get; } = new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

    /// <summary>The rows one stored copy is, by kind (<see cref="StoredRows.Kinds"/>): for a registration or an entry, confirmed.</summary>
    public abstract string OneRecord { get; }

    /// <summary>
    /// The rows one stored copy is before its owner confirmed it (issue 17): a registration or an entry is stored pending,
    /// and becomes <see cref="OneRecord"/> when confirmed; the other forms need no confirmation.
    /// </summary>
    public virtual string PendingRecord => OneRecord;

    public async Task PrepareAsync(FaultStorage storage, OutageGate gate)
    {
        ArgumentNullException.ThrowIfNull(storage);
        app = await storage.StartAppAsync(fault: gate);
        if (!coldCatalog)
        {
            await App.WarmCatalogAsync();
        }

        await SetUpAsync();
    }

    /// <summary>Submits, and confirms as the owner would once it was answered 201 (registrations and entries).</summary>
    public abstract Task<TestResponse> SubmitAsync();

    /// <summary>Submits without confirming: a registration or an entry stays pending.</summary>
    public virtual Task<TestResponse> SubmitPendingAsync() => SubmitAsync();

    /// <summary>
    /// The confirmation id of the pending submission a 201 answered (the table and partition it waits in are the form's);
    /// null for a form that needs no confirmation or when nothing waits.
    /// </summary>
    public virtual Task<string?> PendingConfirmationIdAsync(TestResponse answer) => Task.FromResult<string?>(null);

    /// <summary>The confirmation id of the pending row of <paramref name="answer"/> in <paramref name="table"/>'s <paramref name="partition"/>.</summary>
    protected async Task<string?> PendingConfirmationIdAsync(TestResponse answer, Azure.Data.Tables.TableClient table, string partition)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var pending = await App.PendingRowAsync(table, partition, answer.Json.GetProperty("id").GetString()!);
        return pending?.GetString("ConfirmationId");
    }

    /// <summary>After a failed try: what it found stored is as it was.</summary>
    public virtual Task AssertUnchangedAsync() => Task.CompletedTask;

    /// <summary>After its one stored copy: what that implies beyond its rows.</summary>
    public virtual Task AssertStoredAsync() => Task.CompletedTask;

    /// <summary>
    /// The person's access bundle lists exactly one record of <paramref name="kind"/>: an index row a failed try left
    /// pointing at nothing is skipped, as docs/data-model.md says.
    /// </summary>
    protected async Task AssertOneInAccessBundleAsync(string email, string kind)
    {
        var bundle = await App.AccessAsync(email);
        Assert.Equal(200, bundle.Status);
        Assert.Single(bundle.Json.GetProperty(kind).EnumerateArray());
    }

    public override string ToString() => name;

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected virtual Task SetUpAsync() => Task.CompletedTask;
}
