using Microsoft.AspNetCore.Http;
using Submissions.Domain.Validation;

namespace Submissions.Application.Http;

/// <summary>
/// The optional Idempotency-Key header: 1–255 visible ASCII characters. Kept in memory only; stored as a keyed hash
/// (<see cref="Domain.Privacy.IdempotencyFingerprinter"/>).
/// </summary>
public sealed record IdempotencyKeyHeader(string? Key, ApiResult? Problem)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 255;

    public static IdempotencyKeyHeader Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(HeaderName, out var values))
        {
            return new IdempotencyKeyHeader(null, null);
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            return new IdempotencyKeyHeader(null, Problems.ValidationFailed(HeaderName, $"The {HeaderName} header must be one value of 1 to {MaxLength} visible ASCII characters.", FieldErrorCodes.InvalidFormat));
        }

        return new IdempotencyKeyHeader(key, null);
    }
}
