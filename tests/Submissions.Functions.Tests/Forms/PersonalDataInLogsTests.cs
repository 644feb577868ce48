using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Submissions.Functions.Tests.Infrastructure;

namespace Submissions.Functions.Tests.Forms;

/// <summary>
/// The privacy policy promises logs never identify anyone. This runs every registration path — success, re-registration,
/// idempotent replay, key reuse, each kind of rejection — and each other form, and all four with storage down, then
/// searches every captured log record (message, structured values, scopes, exception) for each submitted personal
/// value. (Every other test gets the same search of its own logs when its TestApp is disposed.)
/// </summary>
public sealed class PersonalDataInLogsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task No_submitted_email_or_name_appears_in_any_log_record()
    {
        var emails = new List<string>();
        var names = new List<string>();
        string Email()
        {
            var email = RegistrationForms.NewEmail();
            emails.Add(email);
            return email;
        }

        string Name()
        {
            var name = "Name" + Guid.NewGuid().ToString("N")[..12];
            names.Add(name);
            return name;
        }

        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var repeat = Email();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var profile = new { country = "FI", ageRange = "25-34", gender = "Gender" + Guid.NewGuid().ToString("N")[..8] };
        names.Add(profile.gender);

        await app.PostAsync(RegistrationForms.Body(repeat, Name(), profile, RegistrationForms.Consents(demographics: true)), key);
        await app.PostAsync(RegistrationForms.Body(repeat, Name(), profile, RegistrationForms.Consents(demographics: true)), key);
        await app.PostAsync(RegistrationForms.Body(repeat, Name()));
        await app.PostAsync(RegistrationForms.Body(Email(), Name(), consents: RegistrationForms.Consents(terms: false)));
        await app.PostAsync(RegistrationForms.Body(Email(), Name() + "\u0007"));
        await app.PostAsync(new { email = Email() + "x@", displayName = Name(), consents = RegistrationForms.Consents() });
        await app.PostAsync(new { email = Email(), displayName = Name(), consents = RegistrationForms.Consents(), website = "filled" });
        await app.PostRawAsync($$"""{"email":"{{Email()}}","displayName":{{42}}}""");
        await app.PostRawAsync($$"""{"email":"{{Email()}}","email":"{{Email()}}"}""");

        await app.PostCommentAsync(CommentForms.Body(CommentForms.NewPageId(), "Comment " + Name(), Name(), Email()));
        await app.VoteAsync("demo-poll", PollForms.Vote("privacy", PollForms.NewVoterToken(), Email()));
        await app.EnterAsync("demo-promotion", PromotionForms.Entry(Email(), share: true, Name(), new { answer = "Answer " + Name() }));

        var deadStorage = azurite.RefusingConnectionString();
        await using var down = await TestApp.StartAsync(deadStorage, initializeStorage: false);
        var refused = new[]
        {
            await down.PostAsync(RegistrationForms.Body(Email(), Name())),
            await down.PostCommentAsync(CommentForms.Body("some-page", "Comment " + Name(), Name(), Email())),
            await down.VoteAsync("demo-poll", PollForms.Vote("privacy", PollForms.NewVoterToken(), Email())),
            await down.EnterAsync("demo-promotion", PromotionForms.Entry(Email(), share: true, Name())),
        };
        Assert.All(refused, response => Assert.Equal(503, response.Status));

        var records = app.Logs.GetSnapshot().Concat(down.Logs.GetSnapshot()).ToList();
        Assert.NotEmpty(records);
        var texts = records.Select(TestApp.LogText).ToList();

        foreach (var value in emails.Concat(names))
        {
            Assert.DoesNotContain(texts, text => text.Contains(value, StringComparison.OrdinalIgnoreCase));
        }

        // The log is still useful: stored registrations are logged, by subject key.
        Assert.Contains(texts, text => text.Contains(app.SubjectOf(repeat).ShortForm, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_leak_check_every_TestApp_runs_on_dispose_does_catch_a_leak()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString, initializeStorage: false);
        var email = RegistrationForms.NewEmail();
        app.SubmittedPersonalValues.Add(email);

        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Probe")
            .Log(LogLevel.Information, new EventId(1, "DeliberateLeak"), email, null, (state, _) => "value " + state);

        Assert.Equal([$"Probe/DeliberateLeak (matched \"{email}\")"], app.PersonalDataLeaks());
        app.SubmittedPersonalValues.Clear();
    }

    [Fact]
    public async Task Queue_messages_carry_ids_only_and_the_recorder_sees_every_one()
    {
        await using var app = await TestApp.StartAsync(azurite.ConnectionString);
        var email = RegistrationForms.NewEmail();

        await app.EnterAsync("demo-promotion", PromotionForms.Entry(email, share: true, "Recorded Name"));

        // The confirmation mail the entry owes (issue 17), then the delivery its confirmation owes: ids only, each once.
        // Issue 18: the confirmation id names its pending row's bucket ("_p{NN}{promotionId}" after the UUID), and the
        // delivery's "promotionId" the owed row's partition, the entrant's bucket — never an address or a name.
        var sent = app.QueueMessages.Sent.ToList();
        Assert.Equal(2, sent.Count);
        Assert.Single(sent, text => System.Text.RegularExpressions.Regex.IsMatch(text, "^\\{\"kind\":\"confirmation\",\"id\":\"[0-9a-f]{32}_p[0-3][0-9]demo-promotion\"\\}$"));
        Assert.Single(sent, text => System.Text.RegularExpressions.Regex.IsMatch(text, "^\\{\"promotionId\":\"demo-promotion~[0-3][0-9]\",\"deliveryId\":\"[0-9a-f]{32}\"\\}$"));
        Assert.Empty(app.QueueLeaks());
    }
}
