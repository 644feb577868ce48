using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Submissions.Cli.Output;

/// <summary>JSON written as is to the console's writer (not through markup, which would read brackets as styles).</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Format(JsonElement element) => JsonSerializer.Serialize(element, Indented);

    public static void Write(IAnsiConsole console, JsonElement element) => console.Profile.Out.Writer.WriteLine(Format(element));
}
