using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Submissions.Storage;

/// <summary>
/// What the storage clients and names accept, checked at start-up: the table prefix must leave every table name (letters
/// and digits, starting with a letter, at most 63) and queue name (lower-case, at most 63) valid; the network timeout
/// and the retries must be ones the SDK and a form request's budget can use. Messages name the setting, never its value.
/// </summary>
public sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <summary>Long enough for the tests' per-app prefixes, short enough for the longest table and queue name.</summary>
    public const int MaxTablePrefixLength = 32;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TablePrefix.Length > 0 && (options.TablePrefix.Length > MaxTablePrefixLength || !PrefixRegex().IsMatch(options.TablePrefix)))
        {
            failures.Add($"The app setting Storage__TablePrefix must be empty or up to {MaxTablePrefixLength} ASCII letters and digits, starting with a letter.");
        }

        if (options.NetworkTimeoutSeconds is not (>= 0.1 and <= 300))
        {
            failures.Add("The app setting Storage__NetworkTimeoutSeconds must be between 0.1 and 300 seconds.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("The app setting Storage__MaxRetries must be between 0 and 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixRegex();
}
