using Submissions.Application.Forms;

namespace Submissions.Application.Polls;

/// <summary>201 body of a vote: its id, the option chosen and the consent receipt.</summary>
public sealed record VoteResponse(string Id, string PollId, string OptionId, ConsentReceiptView Receipt);
