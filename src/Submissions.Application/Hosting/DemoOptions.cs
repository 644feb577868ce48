namespace Submissions.Application.Hosting;

/// <summary>Bound from "Demo". Seeding defaults to on in Development and off everywhere else.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool? SeedOnStart { get; set; }
}
