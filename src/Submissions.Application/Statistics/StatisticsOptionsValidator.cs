using Microsoft.Extensions.Options;

namespace Submissions.Application.Statistics;

/// <summary>
/// Refuses a minimum that would make suppression meaningless: a minimum of 1 publishes every count, and anything
/// below <see cref="StatisticsOptions.MinimumCountFloor"/> publishes counts small enough to single people out.
/// </summary>
public sealed class StatisticsOptionsValidator : IValidateOptions<StatisticsOptions>
{
    public ValidateOptionsResult Validate(string? name, StatisticsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MinimumCount < StatisticsOptions.MinimumCountFloor)
        {
            failures.Add($"Statistics:MinimumCount must be at least {StatisticsOptions.MinimumCountFloor}: smaller counts single people out, and 1 turns suppression off.");
        }

        if (options.MaxRangeDays < 1)
        {
            failures.Add("Statistics:MaxRangeDays must be positive.");
        }

        if (options.RollUpGraceMinutes is < StatisticsOptions.MinimumRollUpGraceMinutes or > StatisticsOptions.MaximumRollUpGraceMinutes)
        {
            failures.Add($"Statistics:RollUpGraceMinutes must be between {StatisticsOptions.MinimumRollUpGraceMinutes} (longer than any request that writes) and {StatisticsOptions.MaximumRollUpGraceMinutes} (a day is rolled up the day after).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
