namespace Submissions.Application.Hosting;

/// <summary>
/// One form's part of the local demo, registered in DI beside the form so <see cref="DemoData"/> never lists them.
/// Adds its items only when absent, so re-running changes nothing an admin edited.
/// </summary>
public interface IDemoSeed
{
    /// <returns>How many items were added.</returns>
    Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
