namespace Submissions.Storage.Exports;

/// <summary>An export job's file as storage returns it: the content, read as it is sent, and its length.</summary>
public sealed record ExportFile(Stream Content, long Length);
