using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Functions.Hosting;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Hosting;

/// <summary>Builds the app exactly as Program.cs does, so a wiring mistake fails here and not in a deployment.</summary>
public sealed class CompositionRootTests(AzuriteFixture azurite)
{
    public static TheoryData<Type> FunctionClasses { get; } = [.. typeof(SubmissionsFunctionsApp).Assembly.GetTypes()
        .Where(type => type.GetMethods().Any(method => method.GetCustomAttribute<FunctionAttribute>() is not null))
        .OrderBy(type => type.FullName, StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public async Task Every_function_class_resolves_from_the_app_services(Type functionClass)
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, environment: "Production", initializeStorage: false);

        var instance = ActivatorUtilities.CreateInstance(app.Services, functionClass);

        Assert.NotNull(instance);
    }

    [Fact]
    public void The_app_has_function_classes_to_resolve() => Assert.NotEmpty(FunctionClasses);

    [Fact]
    public async Task Start_up_validation_passes_with_a_pepper_outside_Development()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, environment: "Production", initializeStorage: false);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task A_missing_pepper_outside_Development_fails_start_up_with_a_clear_message()
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["Privacy:SubjectKeyPepper"] = null }, environment: "Production", initializeStorage: false);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Privacy__SubjectKeyPepper is required outside Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Key_Vault_reference_the_platform_could_not_resolve_fails_start_up_instead_of_keying_records_with_it()
    {
        // App Service passes an unresolvable reference through as text: long enough to pass for a pepper, and public.
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["Privacy:SubjectKeyPepper"] = "@Microsoft.KeyVault(VaultName=kv-example;SecretName=subject-key-pepper)" },
            environment: "Production",
            initializeStorage: false);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Key Vault reference that was not resolved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_runs_without_a_pepper()
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { ["Privacy:SubjectKeyPepper"] = null }, environment: "Development", initializeStorage: false);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void A_missing_storage_connection_fails_with_the_setting_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SubmissionsFunctionsApp.CreateBuilder(["--environment", "Production"]).Build());

        Assert.Contains("SubmissionsStorage", error.Message, StringComparison.Ordinal);
    }
}
