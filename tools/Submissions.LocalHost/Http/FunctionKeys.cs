using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Http;

/// <summary>
/// The keys the local host requires, as the Functions host does in Azure (func start does not): a function-level
/// route admits the default host key or the master key, an admin-level route only the master key, sent as
/// <c>x-functions-key</c> or <c>?code=</c>. Created once, random, in a git-ignored file, and reused on later runs.
/// </summary>
internal sealed record FunctionKeys(string DefaultKey, string MasterKey)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true };

    public static FunctionKeys LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<StoredKeys>(File.ReadAllText(path));
            if (stored is { DefaultKey.Length: >= 32, MasterKey.Length: >= 32 })
            {
                return new FunctionKeys(stored.DefaultKey, stored.MasterKey);
            }

            throw new InvalidOperationException($"{path} does not hold a defaultKey and a masterKey of at least 32 characters; delete it to get new keys.");
        }

        var keys = new FunctionKeys(NewKey(), NewKey());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(new StoredKeys(keys.DefaultKey, keys.MasterKey), FileJson));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return keys;
    }

    public bool Admit(FunctionAuthorizationLevel level, HttpRequest request) => level switch
    {
        FunctionAuthorizationLevel.Anonymous => true,
        FunctionAuthorizationLevel.Function => Presented(request) is { } key && (Matches(key, DefaultKey) || Matches(key, MasterKey)),
        _ => Presented(request) is { } key && Matches(key, MasterKey),
    };

    private static string? Presented(HttpRequest request) =>
        request.Headers[HeaderName] is { Count: 1 } header ? header[0]
        : request.Query[QueryName] is { Count: 1 } query ? query[0]
        : null;

    private static bool Matches(string presented, string key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record StoredKeys(
        [property: System.Text.Json.Serialization.JsonPropertyName("defaultKey")] string DefaultKey,
        [property: System.Text.Json.Serialization.JsonPropertyName("masterKey")] string MasterKey);
}
