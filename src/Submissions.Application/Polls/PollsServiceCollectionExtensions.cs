using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Hosting;

namespace Submissions.Application.Polls;

internal static class PollsServiceCollectionExtensions
{
    /// <summary>The poll vote form, poll definitions and results.</summary>
    public static IServiceCollection AddPolls(this IServiceCollection services)
    {
        services.AddSingleton<CastVoteHandler>();
        services.AddSingleton<GetPollResultsHandler>();
        services.AddSingleton<PutPollHandler>();
        services.AddSingleton<IDemoSeed, DemoPollSeed>();
        return services;
    }
}
