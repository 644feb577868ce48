namespace Submissions.Domain.Statistics;

/// <summary>A group of counts as published: a null cell or total is suppressed.</summary>
public sealed record SuppressedGroup(IReadOnlyList<long?> Cells, long? Total)
{
    public bool AnySuppressed => Total is null || Cells.Any(cell => cell is null);
}
