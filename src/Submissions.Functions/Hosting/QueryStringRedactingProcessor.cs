using System.Diagnostics;
using OpenTelemetry;

namespace Submissions.Functions.Hosting;

/// <summary>
/// Removes query strings from every span before it is exported. A query string can hold a bearer capability — the opt-out
/// link's token, a function key sent as <c>?code=</c> — so no route's query reaches telemetry: <c>url.query</c> is
/// dropped, and <c>url.full</c> and the older <c>http.url</c> / <c>http.target</c> lose everything from the '?'.
/// </summary>
public sealed class QueryStringRedactingProcessor : BaseProcessor<Activity>
{
    private static readonly string[] Dropped = ["url.query"];
    private static readonly string[] Truncated = ["url.full", "http.url", "http.target"];

    /// <summary>At the end of every span, whichever instrumentation made it, before the exporters registered after this.</summary>
    public override void OnEnd(Activity data) => Redact(data);

    public static void Redact(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        foreach (var name in Dropped)
        {
            if (activity.GetTagItem(name) is not null)
            {
                activity.SetTag(name, null);
            }
        }

        foreach (var name in Truncated)
        {
            if (activity.GetTagItem(name) is string value && value.IndexOf('?', StringComparison.Ordinal) is var at and >= 0)
            {
                activity.SetTag(name, value[..at]);
            }
        }

        // A span's name may be "GET /api/opt-out?token=…" when no route template names it.
        if (activity.DisplayName.IndexOf('?', StringComparison.Ordinal) is var question and >= 0)
        {
            activity.DisplayName = activity.DisplayName[..question];
        }
    }
}
