namespace Submissions.Storage.Exports;

/// <summary>Where one exported row lives: its table (by name, without the deployment prefix) and its keys.</summary>
public sealed record ExportRowPointer(string Table, string PartitionKey, string RowKey);
