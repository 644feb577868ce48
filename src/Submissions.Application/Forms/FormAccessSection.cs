using Submissions.Storage.Forms;

namespace Submissions.Application.Forms;

/// <summary>
/// A form's section of the access bundle: its JSON name (e.g. "comments") and the view one of its stored records is
/// shown as. Records are listed oldest first (by their CreatedAt column).
/// </summary>
public sealed record FormAccessSection(string Name, Func<StoredRecord, object> ToView);
