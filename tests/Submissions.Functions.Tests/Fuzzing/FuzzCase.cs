using System.Globalization;
using System.Text;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>The public (anonymous) HTTP functions, as functions.metadata lists them.</summary>
public enum FuzzEndpoint
{
    Registrations,
    Comments,
    Votes,
    PromotionEntries,
    OptOutPost,
    OptOutGet,
    PreferencesPost,
    PreferencesGet,
    PageComments,
    PollResults,
    ConsentLabels,
    Health,
    PromotionGet,
    Preflight,
    ConfirmGet,
    ConfirmPost,
}

/// <summary>
/// One generated request. Every personal value the generator wrote into it contains <see cref="Marker"/> (or is listed
/// in <see cref="PersonalValues"/>, such as a forwarded IP address), so "no personal value in a response or a log"
/// is checked by looking for the marker, which also catches a value that leaked in part. <see cref="MustRefuse"/>
/// marks a case that is invalid by construction (not UTF-8, not JSON, too deep, too large...): accepting it is a defect.
/// </summary>
public sealed record FuzzCase(
    FuzzEndpoint Endpoint,
    string Category,
    string Marker,
    string? RouteValue,
    string? Query,
    byte[] Body,
    string? ContentType,
    IReadOnlyDictionary<string, string[]> Headers,
    long? DeclaredLength,
    IReadOnlyList<string> PersonalValues,
    bool MustRefuse)
{
    public string Method => Endpoint switch
    {
        FuzzEndpoint.OptOutGet or FuzzEndpoint.PreferencesGet or FuzzEndpoint.PageComments or FuzzEndpoint.PollResults or FuzzEndpoint.ConsentLabels
            or FuzzEndpoint.Health or FuzzEndpoint.PromotionGet or FuzzEndpoint.ConfirmGet => "GET",
        FuzzEndpoint.Preflight => "OPTIONS",
        _ => "POST",
    };

    /// <summary>The function's route under /api, with {route} where the route value goes.</summary>
    public string PathTemplate => Endpoint switch
    {
        FuzzEndpoint.Registrations => "/api/registrations",
        FuzzEndpoint.Comments => "/api/comments",
        FuzzEndpoint.Votes => "/api/polls/{route}/votes",
        FuzzEndpoint.PromotionEntries => "/api/promotions/{route}/entries",
        FuzzEndpoint.OptOutPost or FuzzEndpoint.OptOutGet => "/api/opt-out",
        FuzzEndpoint.ConfirmGet or FuzzEndpoint.ConfirmPost => "/api/confirm",
        FuzzEndpoint.PreferencesPost or FuzzEndpoint.PreferencesGet => "/api/preferences",
        FuzzEndpoint.PageComments => "/api/pages/{route}/comments",
        FuzzEndpoint.PollResults => "/api/polls/{route}/results",
        FuzzEndpoint.ConsentLabels => "/api/consent-labels",
        FuzzEndpoint.PromotionGet => "/api/promotions/{route}",
        FuzzEndpoint.Preflight => "{route}",
        _ => "/api/health",
    };

    /// <summary>
    /// The request's path: the route's template, except for the preflight, whose catch-all route makes the whole path
    /// (under /api, as the host hands it over) the value under test.
    /// </summary>
    public string RequestPath => Endpoint == FuzzEndpoint.Preflight ? RouteValue ?? "/api" : PathTemplate;

    public bool IsForm => Endpoint is FuzzEndpoint.Registrations or FuzzEndpoint.Comments or FuzzEndpoint.Votes or FuzzEndpoint.PromotionEntries;

    /// <summary>Printable and bounded: what a failure report and CsCheck's shrinker show.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Method} {Endpoint} [{Category}{(MustRefuse ? ", must refuse" : string.Empty)}] route={Escape(RouteValue)} query={Escape(Query)} ");
        text.Append(CultureInfo.InvariantCulture, $"content-type={Escape(ContentType)} declared-length={DeclaredLength?.ToString(CultureInfo.InvariantCulture) ?? "none"} ");
        foreach (var (name, values) in Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}=[{string.Join(", ", values.Select(Escape))}] ");
        }

        text.Append(CultureInfo.InvariantCulture, $"body({Body.Length} bytes)={EscapeBytes(Body)}");
        return text.ToString();
    }

    private static string Escape(string? value) => value is null ? "null" : "\"" + Bounded(EscapeText(value)) + "\"";

    private static string EscapeText(string value)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > 600 ? value[..600] : value)
        {
            text.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return text.ToString();
    }

    /// <summary>ASCII as it is, every other byte as \xNN; long bodies as their head and tail.</summary>
    private static string EscapeBytes(byte[] bytes)
    {
        static string Part(ReadOnlySpan<byte> span)
        {
            var text = new StringBuilder();
            foreach (var b in span)
            {
                text.Append(b is >= 0x20 and <= 0x7E ? ((char)b).ToString() : $"\\x{b:x2}");
            }

            return text.ToString();
        }

        return bytes.Length <= 1200 ? Part(bytes) : Part(bytes.AsSpan(0, 600)) + $"…({bytes.Length - 1000} bytes)…" + Part(bytes.AsSpan(bytes.Length - 400));
    }

    private static string Bounded(string value) => value.Length <= 1200 ? value : value[..1200] + "…";
}
