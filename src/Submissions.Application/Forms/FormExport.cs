using Submissions.Application.Exports;

namespace Submissions.Application.Forms;

/// <summary>An export a registered form brings, as the exports handler finds it (before the exports that span forms).</summary>
public sealed record FormExport(string FormKind, IExportSource Source);
