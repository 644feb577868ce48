using System.Text;

namespace Submissions.Functions.Tests.Exports;

/// <summary>
/// A strict RFC 4180 reader for checking exports: CRLF between records (and after the last), fields quoted when they
/// hold a comma, quote, CR or LF, quotes doubled inside. Anything else — a bare LF, a quote inside an unquoted field,
/// text after a closing quote, a missing final CRLF — fails the test.
/// </summary>
public static class CsvReader
{
    public static List<List<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Assert.True(text.EndsWith("\r\n", StringComparison.Ordinal), "A CSV export ends with CRLF.");
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "A quoted field is not closed.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    Assert.NotEqual('"', text[i]);
                    field.Append(text[i++]);
                }
            }

            Assert.True(i < text.Length, "A record does not end with CRLF.");
            record.Add(field.ToString());
            field.Clear();
            if (text[i] == ',')
            {
                i++;
                continue;
            }

            Assert.True(text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n', "Records end with CRLF, never a bare CR or LF.");
            i += 2;
            records.Add(record);
            record = [];
        }

        return records;
    }
}
