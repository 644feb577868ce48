using Microsoft.AspNetCore.Http;
using Submissions.LocalHost.Http;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Tests.Http;

public sealed class FunctionKeysTests
{
    [Fact]
    public void Keys_are_created_random_once_and_reused_from_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "host-keys.json");
        try
        {
            var created = FunctionKeys.LoadOrCreate(path);
            var reused = FunctionKeys.LoadOrCreate(path);
            var other = FunctionKeys.LoadOrCreate(path + ".other");

            Assert.Equal(created, reused);
            Assert.NotEqual(created.DefaultKey, created.MasterKey);
            Assert.NotEqual(created.DefaultKey, other.DefaultKey);
            Assert.True(created.DefaultKey.Length >= 40);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void A_keys_file_without_usable_keys_stops_the_host_with_its_path()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "defaultKey": "short", "masterKey": "" }""");
            var error = Assert.Throws<InvalidOperationException>(() => FunctionKeys.LoadOrCreate(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Anonymous", null, true)]
    [InlineData("Function", null, false)]
    [InlineData("Function", "default", true)]
    [InlineData("Function", "master", true)]
    [InlineData("Function", "other", false)]
    [InlineData("Admin", "default", false)]
    [InlineData("Admin", "master", true)]
    public void Each_level_admits_the_keys_the_host_admits(string levelName, string? presented, bool admitted)
    {
        var level = Enum.Parse<FunctionAuthorizationLevel>(levelName);
        var keys = new FunctionKeys(new string('d', 43), new string('m', 43));
        var key = presented switch { "default" => keys.DefaultKey, "master" => keys.MasterKey, "other" => new string('o', 43), _ => null };
        var inHeader = new DefaultHttpContext().Request;
        var inQuery = new DefaultHttpContext().Request;
        if (key is not null)
        {
            inHeader.Headers[FunctionKeys.HeaderName] = key;
            inQuery.QueryString = QueryString.Create(FunctionKeys.QueryName, key);
        }

        Assert.Equal(admitted, keys.Admit(level, inHeader));
        Assert.Equal(admitted, keys.Admit(level, inQuery));
    }
}
