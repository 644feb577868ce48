using System.Text.Json;
using Submissions.Application.Confirmations;
using Submissions.Domain.Forms;
using Submissions.Storage.Confirmations;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Registrations;

/// <summary>A registration takes effect when confirmed: the member is written (or replaced) with its answers' ledger rows.</summary>
public sealed class RegistrationConfirmation(RegistrationStore store) : IConfirmingForm
{
    public string Kind => FormKind.Registration;

    public Task<ConfirmationOutcome> ConfirmAsync(PendingSubmission pending, string method, DateTimeOffset now, CancellationToken cancellationToken) =>
        store.ConfirmAsync(pending, method, now, cancellationToken);

    public Task<SubmissionSummary> DescribeAsync(PendingSubmission pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var data = JsonSerializer.Deserialize<RegistrationData>(pending.DataJson) ?? new RegistrationData(null, null, null, null);
        var lines = new List<string> { $"Display name: {pending.Name}" };
        AddIfGiven(lines, "Language", data.Language);
        AddIfGiven(lines, "Country", data.Country);
        AddIfGiven(lines, "Age range", data.AgeRange);
        AddIfGiven(lines, "Gender", data.Gender);
        return Task.FromResult(new SubmissionSummary("your registration", lines));
    }

    private static void AddIfGiven(List<string> lines, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            lines.Add($"{name}: {value}");
        }
    }
}
