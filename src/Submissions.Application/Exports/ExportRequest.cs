using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Submissions.Application.Http;
using Submissions.Domain.Validation;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>A checked export request: kind, half-open range and format.</summary>
public sealed partial record ExportRequest(string Kind, ExportRange Range, ExportFormat Format)
{
    /// <summary>What the audit log records: the kind, the range as given and the format — no personal value.</summary>
    public string Scope => string.Create(CultureInfo.InvariantCulture, $"kind={Kind};from={Range.From:O};to={Range.To:O};format={Format.Name}");

    /// <summary>The audit scope of an export job's records: the export's, and the job that links them.</summary>
    public string JobScope(string jobId) => $"{Scope};job={jobId}";

    /// <summary>{kind}_{from:yyyyMMdd}-{to:yyyyMMdd}.{ext}, dates as given (in their own offsets). The kind is one of ours.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Kind}_{Range.From:yyyyMMdd}-{Range.To:yyyyMMdd}.{Format.Name}");

    /// <summary>
    /// Reads kind (from the route, one of <paramref name="kinds"/>), from, to and format; every problem is a field error
    /// that never echoes a value.
    /// </summary>
    public static ExportRequest? TryRead(HttpRequest request, string? kind, IReadOnlyList<string> kinds, int maxRangeDays, out FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(kinds);
        errors = new FieldErrors();
        if (kind is null || !kinds.Contains(kind, StringComparer.Ordinal))
        {
            errors.Add("kind", $"'kind' must be one of: {string.Join(", ", kinds)}.", FieldErrorCodes.NotAnOption);
        }

        var format = !QueryParameter.TryRead(request, "format", out var formatValue) ? null
            : formatValue is null ? ExportFormat.Ndjson : ExportFormat.Find(formatValue);
        if (format is null)
        {
            errors.Add("format", "'format' must be ndjson or csv.", FieldErrorCodes.NotAnOption);
        }

        var from = ReadTime(request, "from", errors);
        var to = ReadTime(request, "to", errors);
        if (from is { } start && to is { } end)
        {
            if (start >= end)
            {
                errors.Add("to", "'to' must be later than 'from'.", FieldErrorCodes.OutOfRange);
            }
            else if (end - start > TimeSpan.FromDays(maxRangeDays))
            {
                errors.Add("to", $"The range may cover at most {maxRangeDays} days.", FieldErrorCodes.OutOfRange);
            }
        }

        return errors.IsEmpty ? new ExportRequest(kind!, new ExportRange(from!.Value, to!.Value), format!) : null;
    }

    /// <summary>The export a job was queued for; null when its format is no longer one of ours.</summary>
    public static ExportRequest? Of(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return ExportFormat.Find(job.Format) is { } format ? new ExportRequest(job.Kind, new ExportRange(job.From, job.To), format) : null;
    }

    private static DateTimeOffset? ReadTime(HttpRequest request, string name, FieldErrors errors)
    {
        var value = request.Query[name].ToString();

        // An unencoded '+' in a query string arrives as a space: "…T00:00:00 02:00" meant "+02:00".
        var offsetSpace = OffsetAfterSpace().Match(value);
        if (offsetSpace.Success)
        {
            value = value[..offsetSpace.Index] + "+" + value[(offsetSpace.Index + 1)..];
        }

        if (value.Length > 0 && value.Length <= 40 && HasOffset().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(name, $"'{name}' must be an ISO-8601 date and time with an offset, e.g. 2026-01-01T00:00:00Z.", FieldErrorCodes.InvalidFormat);
        return null;
    }

    /// <summary>A full date and time, then Z or ±hh:mm: a time without an offset would mean whatever zone the server is in.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();

    [GeneratedRegex(@" (?=\d{2}:\d{2}\z)", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetAfterSpace();
}
