using System.Text;

namespace Submissions.Cli.Exports;

/// <summary>
/// The header row at the start of a CSV export body (up to its CRLF). Every slice of a CSV export starts with it; the
/// joined file keeps the first and checks the others are the same columns.
/// </summary>
internal sealed record CsvHeaderLine(byte[] Bytes, byte[] Rest)
{
    private const int MaxLength = 1 << 16;

    public string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>Reads until the first CRLF; what came after it in the same read is kept in <see cref="Rest"/>.</summary>
    public static async Task<CsvHeaderLine> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxLength];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                return new CsvHeaderLine(buffer[..(end + 2)], buffer[(end + 2)..filled]);
            }
        }

        throw new IOException("The CSV export ended before its header row was complete.");
    }
}
