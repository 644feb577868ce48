using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Submissions.Application.Polls;

namespace Submissions.Functions.Http;

public sealed class PollFunctions(CastVoteHandler vote, GetPollResultsHandler results, PutPollHandler put, PollReadHandler read)
{
    [Function("CastVote")]
    public Task<IActionResult> VoteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "polls/{pollId}/votes")] HttpRequest request,
        string pollId,
        CancellationToken cancellationToken) =>
        vote.SubmitAsync(request, pollId, cancellationToken);

    [Function("GetPollResults")]
    public Task<IActionResult> ResultsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "polls/{pollId}/results")] HttpRequest request,
        string pollId,
        CancellationToken cancellationToken) =>
        results.GetAsync(pollId, cancellationToken);

    [Function("PutPoll")]
    public Task<IActionResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/polls/{pollId}")] HttpRequest request,
        string pollId,
        CancellationToken cancellationToken) =>
        put.PutAsync(request, pollId, cancellationToken);

    [Function("ListPolls")]
    public Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/polls")] HttpRequest request,
        CancellationToken cancellationToken) =>
        read.ListAsync(request, cancellationToken);

    [Function("GetPollDefinition")]
    public Task<IActionResult> GetDefinitionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/polls/{pollId}")] HttpRequest request,
        string pollId,
        CancellationToken cancellationToken) =>
        read.GetAsync(pollId, cancellationToken);
}
