namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>Hostile values for the headers every public endpoint reads or might read.</summary>
public static class HostileHeaders
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const string ForwardedFor = "X-Forwarded-For";

    public static IReadOnlyList<string?> ContentTypes { get; } =
    [
        "application/json",
        null,
        "",
        "application/json; charset=utf-8",
        "APPLICATION/JSON; CHARSET=UTF-8",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin1",
        "application/json; charset=utf-16",
        "application/json; charset=\"utf-8\"",
        "application/json; charset=utf-8; charset=latin1",
        "application/problem+json",
        "application/vnd.fuzz+json; charset=utf-8",
        "application/merge-patch+json",
        "application/json ; foo=bar",
        "application/json;;;",
        "application/jsonx",
        "application/",
        "/json",
        "*/*",
        ";",
        "application/json, text/plain",
        "application/json\u0000",
        "application/json\r\nX-Injected: 1",
        "application/json; " + string.Join("; ", Enumerable.Range(0, 300).Select(i => $"p{i}=v")),
        new string('a', 10_000),
    ];

    /// <summary>Idempotency-Key values: valid ones first, then everything the header rule refuses.</summary>
    public static string[][] IdempotencyKeys(string unique) =>
    [
        [unique],
        [new string('!', 255)],
        [""],
        [" "],
        ["key with spaces"],
        [new string('k', 256)],
        ["ключ-" + unique],
        ["key\u0000" + unique],
        ["key\r\nX-Injected: 1"],
        ["\t" + unique],
        [unique, unique + "-second"],
        [unique, unique],
        ["' or PartitionKey ne '"],
    ];

    /// <summary>Forwarded-for chains; the plain addresses among them are personal data and must not be logged.</summary>
    public static IReadOnlyList<string> ForwardedForValues { get; } =
    [
        "203.0.113.77",
        "2001:db8::77",
        "198.51.100.23, 203.0.113.78",
        "[2001:db8::79]:443",
        "203.0.113.80:5123",
        "::ffff:203.0.113.81",
        "fe80::1%eth0",
        "unknown",
        "",
        " , , ",
        "999.999.999.999",
        "203.0.113.82:abc",
        "[::1]:99999",
        "1.2.3",
        "' or PartitionKey ne '",
        "<script>alert(1)</script>",
        string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"10.{i / 250}.{i % 250}.1")),
        new string(',', 5000),
        "\u0000",
    ];

    /// <summary>
    /// The addresses in a forwarded-for value, as sent and as parsed (what the logs must never show); the last few
    /// only, which is where the app looks.
    /// </summary>
    public static IEnumerable<string> Addresses(string forwardedFor) =>
        (forwardedFor ?? string.Empty).Split(',').Select(entry => entry.Trim()).TakeLast(3)
            .SelectMany(entry => System.Net.IPAddress.TryParse(entry, out var address) ? [entry, address.ToString()]
                : System.Net.IPEndPoint.TryParse(entry, out var endpoint) ? [entry, endpoint.Address.ToString()]
                : Array.Empty<string>())
            .Where(value => value.Length >= 7)
            .Distinct(StringComparer.Ordinal);

    public static IReadOnlyList<string> Accepts { get; } = ["application/json", "text/html", "text/html;q=0.1, application/json", "*/*", "", "\u0000", new string('x', 5000)];
}
