using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Submissions.Application.Privacy;
using Submissions.Functions.Hosting;
using Submissions.Functions.Tests.Infrastructure;
using Submissions.Storage;

namespace Submissions.Functions.Tests.Hosting;

/// <summary>
/// Every options class the app binds is validated at start-up against what its consumers accept: a bad value stops the
/// app there (with a message naming the setting, and from a validator never its value), not every request or delivery later.
/// </summary>
public sealed class OptionsValidationTests(AzuriteFixture azurite)
{
    /// <summary>One value per case that the consumers of the setting cannot use; distinctive, so a message that echoed it would show.</summary>
    public static TheoryData<string, string> InvalidSettings { get; } = new()
    {
        { "Delivery:MaxRetries", "-4242" },
        { "Delivery:MaxRetries", "4242" },
        { "Delivery:AttemptTimeoutSeconds", "4242" },
        { "Delivery:TotalTimeoutSeconds", "4242" },
        { "Delivery:RetryBaseDelayMilliseconds", "-4242" },
        { "Delivery:MaxRetryDelaySeconds", "4242" },
        { "Delivery:OutboxSweepAgeMinutes", "NaN" },
        { "Delivery:RetrySchedule", "00:00:05, 4242.00:00:00" },
        { "Delivery:RetrySchedule", "s3cr3t-value" },
        { "Delivery:PauseAfterFailures", "-4242" },
        { "Delivery:PauseAfterFailingMinutes", "-4242" },
        { "Delivery:PausedRecheckMinutes", "4242" },
        { "Delivery:HeldRecheckSeconds", "-4242" },
        { "Delivery:AllowPrivateDestinations", "maybe" },
        { "Storage:TablePrefix", "s3cr3t-value" },
        { "Storage:NetworkTimeoutSeconds", "4242" },
        { "Storage:MaxRetries", "-4242" },
        { "ConsentCatalog:CacheSeconds", "NaN" },
        { "ReadCache:PollResultsSeconds", "soon" },
        { "Health:TimeoutSeconds", "-4242" },
        { "Demo:SeedOnStart", "maybe" },
        { "Forms:MaxBodyBytes", "42424242" },
        { "Forms:MaxAdminBodyBytes", "-4242" },
        { "Forms:RetryAfterSeconds", "-4242" },
        { "Admin:TenantId", "s3cr3t-value" },
        { "RateLimits:PermitsPerWindow", "-4242" },
        { "Retention:IdempotencyHours", "-4242" },
        { "Statistics:MinimumCount", "-4242" },
        { "ReadCache:CommentListingSeconds", "-4242" },
        { "Statistics:RollUpGraceMinutes", "4242" },
        { "Exports:LookupConcurrency", "4242" },
        { "OptOut:PublicBaseUrl", "s3cr3t-value" },
        { "Cors:AllowedOrigins", "s3cr3t-value" },
        { "Privacy:SubjectKeyPepper", "s3cr3t-value" },
        { "Confirmation:ExpiryDays", "4242" },
        { "ReadCache:PromotionSeconds", "-4242" },
        { "Confirmation:PreferenceLinkDays", "-4242" },
        { "Mail:Port", "4242424" },
        { "Mail:TimeoutSeconds", "4242" },
        { "Mail:From", "s3cr3t-value" },
        { "Mail:Security", "s3cr3t-value" },
        { "Mail:Password", "s3cr3t-value" },
        { "ReadCache:PollDefinitionSeconds", "-4242" },
        { "ReadCache:PollTotalsSeconds", "-4242" },
        { "ReadCache:PollRecountWaitMilliseconds", "424242" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task An_invalid_value_fails_start_up_with_a_message_naming_the_setting_and_not_its_value(string setting, string value)
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString, new Dictionary<string, string?> { [setting] = value }, environment: "Production", initializeStorage: false);

        // A value that does not convert fails as the binder reports it; one that converts but is unusable, as the validator does.
        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(error is OptionsValidationException or InvalidOperationException, error.ToString());
        var (section, property) = (setting.Split(':')[0], setting.Split(':')[1]);
        Assert.Contains(section, error.Message, StringComparison.Ordinal);
        Assert.Contains(property, error.Message, StringComparison.Ordinal);
        if (error is OptionsValidationException)
        {
            // The binder's own conversion error quotes the value; only non-string settings can fail to convert, and
            // secrets (the pepper, signing secrets) are strings, which always convert and reach the validators.
            Assert.DoesNotContain(value, error.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Every_options_class_the_app_binds_has_an_invalid_case_above()
    {
        var covered = InvalidSettings.Select(row => row.Data.Item1.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        var sections = new[] { typeof(PrivacyOptions).Assembly, typeof(StorageOptions).Assembly, typeof(SubmissionsFunctionsApp).Assembly }
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.Name.EndsWith("Options", StringComparison.Ordinal))
            .Select(type => type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static))
            .OfType<FieldInfo>()
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();

        Assert.NotEmpty(sections);
        Assert.All(sections, section => Assert.Contains(section, covered));
    }

    [Fact]
    public async Task The_documented_extremes_pass_start_up()
    {
        await using var app = await TestApp.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Delivery:MaxRetries"] = "0",
                ["Delivery:RetryBaseDelayMilliseconds"] = "0",
                ["Delivery:MaxRetryDelaySeconds"] = "0",
                ["ConsentCatalog:CacheSeconds"] = "0",
                ["Storage:MaxRetries"] = "0",
                ["Admin:TenantId"] = Guid.NewGuid().ToString(),
            },
            environment: "Production",
            initializeStorage: false);

        app.Services.GetRequiredService<IStartupValidator>().Validate();
    }
}
