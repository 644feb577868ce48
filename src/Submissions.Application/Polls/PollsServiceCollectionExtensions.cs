using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Forms;
using Submissions.Application.Hosting;

namespace Submissions.Application.Polls;

internal static class PollsServiceCollectionExtensions
{
    /// <summary>The poll vote form, poll definitions and results.</summary>
    public static IServiceCollection AddPolls(this IServiceCollection services)
    {
        services.AddSingleton<PollRulesCache>();
        services.AddSingleton<PollResultsLoader>();
        services.AddSingleton<CastVoteHandler>();
        services.AddSingleton<GetPollResultsHandler>();
        services.AddSingleton<PutPollHandler>();
        services.AddSingleton<PollReadHandler>();
        services.AddSingleton<IDemoSeed, DemoPollSeed>();
        // Its place among the forms is its place in every list: access bundle, erasure report, export kinds.
        return services.AddSubmissionsForm(VoteForm.Registration);
    }
}
