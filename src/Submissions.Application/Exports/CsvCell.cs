using System.Buffers;
using System.Globalization;
using System.Text;

namespace Submissions.Application.Exports;

/// <summary>
/// One CSV cell, per RFC 4180 and safe to open in a spreadsheet. A text cell starting with '=', '+', '-', '@', tab or
/// CR could run as a formula (OWASP "CSV Injection"), so it is prefixed with a single quote, which spreadsheets show
/// as text. A cell holding a comma, quote, CR or LF is quoted, with quotes doubled.
/// </summary>
public static class CsvCell
{
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>Appends a text cell: neutralised when it could start a formula, quoted when it must be.</summary>
    public static void AppendText(StringBuilder line, string value)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(value);
        var neutralise = value.Length > 0 && FormulaStarts.Contains(value[0]);
        var quote = value.AsSpan().ContainsAny(NeedsQuotes);
        if (quote)
        {
            line.Append('"');
        }

        if (neutralise)
        {
            line.Append('\'');
        }

        if (quote)
        {
            line.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(value);
        }
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
