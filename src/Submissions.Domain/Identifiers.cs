using System.Text.RegularExpressions;

namespace Submissions.Domain;

/// <summary>
/// The one rule for the ids this app names things by — labels, polls, options' polls, partners, promotions: 2 to 64
/// lower-case letters, digits or dashes. They become table keys, so the set is tight.
/// </summary>
public static partial class Identifiers
{
    public const string Pattern = "^[a-z0-9][a-z0-9-]{1,63}\\z";

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "2 to 64 lower-case letters, digits or dashes, starting with a letter or digit";

    public static bool IsValid(string? id) => id is not null && IdRegex().IsMatch(id);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
