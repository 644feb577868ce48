using System.ComponentModel;

namespace Submissions.Application.Polls;

/// <summary>A cache entry of <see cref="PollRulesCache"/>: the rules, or null for a poll that does not exist.</summary>
[ImmutableObject(true)]
public sealed record CachedPollRules(PollRules? Rules);
