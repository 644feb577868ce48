using Submissions.Benchmarks.Accounting;

namespace Submissions.Benchmarks.Reporting;

/// <summary>One line of the storage table: an operation (at a concurrency, or "—"), and its calls' storage work.</summary>
internal sealed record StorageRow(string Operation, string Concurrency, StorageTally Tally);
