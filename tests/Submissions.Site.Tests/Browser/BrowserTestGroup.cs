namespace Submissions.Site.Tests.Browser;

/// <summary>The browser tests share one world and run one after another (one Chromium on a 2-core machine is plenty).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserWorld>
{
    public const string Name = "Browser";
}
