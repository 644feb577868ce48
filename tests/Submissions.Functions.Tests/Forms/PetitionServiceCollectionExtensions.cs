using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Submissions.Application.Forms;

namespace Submissions.Functions.Tests.Forms;

public static class PetitionServiceCollectionExtensions
{
    /// <summary>The petition form plugged in: its submission step, its validator, its store and its registration.</summary>
    public static IServiceCollection AddPetitionForm(this IServiceCollection services)
    {
        services.AddSingleton<SignatureStore>();
        services.AddSingleton<IValidator<SignatureRequest>, SignatureValidator>();
        services.AddSingleton<SignPetitionHandler>();
        return services.AddSubmissionsForm(PetitionForm.Registration);
    }
}
