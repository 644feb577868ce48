using System.Text.Json;

namespace Submissions.Cli.Auth;

/// <summary>The local host's keys file (tools/Submissions.LocalHost, FunctionKeys): <c>{"defaultKey":…,"masterKey":…}</c>.</summary>
internal static class LocalKeysFile
{
    public static string ReadDefaultKey(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new CliUsageException($"The keys file {file.FullName} does not exist (the local host creates it on its first run).");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file.FullName));
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("defaultKey", out var key) && key.ValueKind == JsonValueKind.String
                && !string.IsNullOrEmpty(key.GetString()))
            {
                return key.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Reported below, without echoing the file's content (it holds keys).
        }

        throw new CliUsageException($"The keys file {file.FullName} holds no defaultKey.");
    }
}
