using System.Text;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Assembles a <see cref="FuzzCase"/>: a body, and usually plain headers with a little noise in them.</summary>
public sealed class CaseBuilder(FuzzEndpoint endpoint, string category, string marker)
{
    private readonly Dictionary<string, string[]> headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> personal = [];
    private long? declaredLength;
    private bool lengthSet;
    private bool mustRefuse;

    public string? Route { get; set; }

    public string? Query { get; set; }

    public byte[] Body { get; set; } = [];

    public string? ContentType { get; set; } = "application/json";

    public CaseBuilder WithBody(string json)
    {
        Body = Encoding.UTF8.GetBytes(json);
        return this;
    }

    public CaseBuilder WithBody(JsonNodeDraft json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return WithBody(json.ToString());
    }

    /// <summary>Marks the case as invalid by construction: any 2xx for it is a defect.</summary>
    public CaseBuilder Invalid(bool invalid = true)
    {
        mustRefuse |= invalid;
        return this;
    }

    public CaseBuilder Header(string name, params string[] values)
    {
        headers[name] = values;
        return this;
    }

    /// <summary>Null declares no length (a chunked body); otherwise the Content-Length sent, true or not.</summary>
    public CaseBuilder DeclaredLength(long? length)
    {
        declaredLength = length;
        lengthSet = true;
        return this;
    }

    public CaseBuilder Personal(IEnumerable<string> values)
    {
        personal.AddRange(values);
        return this;
    }

    /// <summary>The headers a browser or a retrying client sends; sometimes an Idempotency-Key or a forwarded address.</summary>
    public CaseBuilder Noise(Draw draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        if (draw.Chance(15))
        {
            Header(HostileHeaders.IdempotencyKey, $"key-{draw.Id(12, 24)}");
        }

        if (draw.Chance(10))
        {
            var forwarded = draw.PickFrom(HostileHeaders.ForwardedForValues.Take(6).ToList());
            Header(HostileHeaders.ForwardedFor, forwarded);
            Personal(HostileHeaders.Addresses(forwarded));
        }

        if (draw.Chance(5))
        {
            DeclaredLength(null);
        }

        return this;
    }

    /// <summary>Any of the hostile header values, one to three of them.</summary>
    public CaseBuilder HostileHeaderSet(Draw draw)
    {
        ArgumentNullException.ThrowIfNull(draw);
        var count = draw.Between(1, 3);
        for (var i = 0; i < count; i++)
        {
            switch (draw.Between(0, 3))
            {
                case 0:
                    ContentType = draw.PickFrom(HostileHeaders.ContentTypes);
                    break;
                case 1:
                    Header(HostileHeaders.IdempotencyKey, draw.Pick(HostileHeaders.IdempotencyKeys($"key-{draw.Id(12, 24)}")));
                    break;
                case 2:
                    var forwarded = draw.PickFrom(HostileHeaders.ForwardedForValues);
                    Header(HostileHeaders.ForwardedFor, forwarded);
                    Personal(HostileHeaders.Addresses(forwarded));
                    break;
                default:
                    DeclaredLength(draw.Pick<long?>(null, Body.Length - 1L, Body.Length + 1L, 0, 1, Body.Length * 2L, 16_385, long.MaxValue));
                    break;
            }
        }

        return this;
    }

    public FuzzCase Build() => new(
        endpoint,
        category,
        marker,
        Route,
        Query,
        Body,
        ContentType,
        new Dictionary<string, string[]>(headers, StringComparer.OrdinalIgnoreCase),
        lengthSet ? declaredLength : Body.Length,
        [.. personal],
        mustRefuse);
}
