using Microsoft.Extensions.Options;

namespace Submissions.Application.Exports;

/// <summary>An export needs a range it can cover, a positive streaming limit and a lookup concurrency storage can bear.</summary>
public sealed class ExportOptionsValidator : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options is not { MaxRangeDays: > 0, LookupConcurrency: > 0 and <= 64 })
        {
            failures.Add("Exports:MaxRangeDays must be positive, Exports:LookupConcurrency 1 to 64.");
        }

        // At or above MaxRangeDays it only means that every export is streamed unless async=true asks otherwise.
        if (options.SyncMaxDays <= 0)
        {
            failures.Add("Exports:SyncMaxDays must be positive.");
        }

        if (options.IndexGraceMinutes is < 0 or > 1440)
        {
            failures.Add("Exports:IndexGraceMinutes must be 0 to 1440.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
