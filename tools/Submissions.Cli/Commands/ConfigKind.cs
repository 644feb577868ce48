namespace Submissions.Cli.Commands;

/// <summary>A kind of configuration the manage API holds: its route and the property its list answers with.</summary>
internal sealed record ConfigKind(string Name, string Route, string ListProperty)
{
    public static readonly IReadOnlyList<ConfigKind> All =
    [
        new("labels", "manage/consent-labels", "labels"),
        new("partners", "manage/partners", "partners"),
        new("promotions", "manage/promotions", "promotions"),
        new("polls", "manage/polls", "polls"),
    ];

    public static ConfigKind Find(string name) => All.Single(kind => kind.Name == name);

    public string ItemPath(string id) => $"{Route}/{Uri.EscapeDataString(id)}";
}
