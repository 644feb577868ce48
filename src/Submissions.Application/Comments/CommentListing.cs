using System.ComponentModel;

namespace Submissions.Application.Comments;

/// <summary>
/// One page of a page's public listing as served, with when storage was read for it: a cached copy is as old as that
/// read, which is what the Cache-Control max-age counts down from. Public fields only (never the hidden names).
/// </summary>
[ImmutableObject(true)]
public sealed record CommentListing(PublicCommentsResponse Response, DateTimeOffset ReadAt);
