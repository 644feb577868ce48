using System.Buffers;
using System.Globalization;
using System.Text;

namespace Submissions.Application.Exports;

/// <summary>
/// One CSV cell, per RFC 4180 and safe to open in a spreadsheet. A text cell whose first character — or first after
/// leading whitespace and invisible format characters (Unicode Cf: U+200B, U+FEFF, U+00AD…), which importers may trim
/// or normalise away — is '=', '+', '-', '@', tab, CR or LF, or a look-alike a spreadsheet may fold into one (minus
/// sign U+2212, the small forms U+FE62/U+FE63/U+FE66/U+FE6B, the full-width forms U+FF0B/U+FF0D/U+FF1D/U+FF20),
/// could run as a formula (OWASP "CSV Injection"), so it is prefixed with a single quote, which spreadsheets show as
/// text. Every text cell is quoted, with quotes doubled: a spreadsheet whose locale separates fields by ';' must not
/// split a cell either.
/// </summary>
public static class CsvCell
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r\n\u2212\uFE62\uFE63\uFE66\uFE6B\uFF0B\uFF0D\uFF1D\uFF20");

    /// <summary>Appends a text cell: neutralised when it could start a formula, and quoted.</summary>
    public static void AppendText(StringBuilder line, string value)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(value);
        line.Append('"');
        if (CouldStartFormula(value))
        {
            line.Append('\'');
        }

        line.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static bool CouldStartFormula(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsBmp && FormulaStarts.Contains((char)rune.Value))
            {
                return true;
            }

            if (!Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The cell as it appears in the file (for tests and single values).</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var cell = new StringBuilder(value.Length + 4);
        AppendText(cell, value);
        return cell.ToString();
    }

    /// <summary>ISO-8601 round-trip format in UTC, the same in both formats: starts with a digit, never a formula.</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
