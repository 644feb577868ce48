using Submissions.Storage.Ledger;

namespace Submissions.Storage.Exports;

/// <summary>One storage page of consent ledger rows, with the name of the table they came from (the ledger lives in four).</summary>
public sealed record ConsentExportPage(string Table, IReadOnlyList<ConsentRecord> Rows);
