namespace Submissions.Benchmarks.Accounting;

/// <summary>Entities one request read or wrote in one partition of one table (the table named without the run's prefix).</summary>
internal sealed record EntityTouch(string Table, string Partition, int Entities)
{
    public string Key => Table + "/" + Partition;
}
