using System.Buffers;
using System.Globalization;
using System.Text;

namespace Submissions.Application.Exports;

/// <summary>
/// One CSV cell, per RFC 4180 and safe to open in a spreadsheet. A text cell whose first character — or first after
/// leading whitespace, which importers may trim — is '=', '+', '-', '@', tab, CR or LF (or a full-width look-alike)
/// could run as a formula (OWASP "CSV Injection"), so it is prefixed with a single quote, which spreadsheets show as
/// text. Every text cell is quoted, with quotes doubled: a spreadsheet whose locale separates fields by ';' must not
/// split a cell either.
/// </summary>
public static class CsvCell
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20");

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
        if (value.Length == 0)
        {
            return false;
        }

        if (FormulaStarts.Contains(value[0]))
        {
            return true;
        }

        var first = value.AsSpan().TrimStart();
        return first.Length > 0 && FormulaStarts.Contains(first[0]);
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
