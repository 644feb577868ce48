using System.Runtime.CompilerServices;
using Submissions.Application.ConsentLabels;
using Submissions.Domain.Forms;
using Submissions.Storage.Exports;

namespace Submissions.Application.Exports;

/// <summary>
/// registrations: member rows by RegisteredAt, with one consent.{label} column per label the registration form asks
/// (its active labels now), judged by the newest record in the person's own partition — and the person's signed
/// opt-out and preference links, so an external mail service can put them in every offer it sends.
/// </summary>
public sealed class RegistrationExport(ExportQueries queries, ConsentLabelCatalog catalog, MemberLinks links) : IExportSource
{
    private static readonly string[] MemberColumns =
        ["memberId", "email", "displayName", "language", "country", "ageRange", "gender", "registeredAt", "updatedAt", "registrationCount", "optOutUrl", "preferencesUrl"];

    public string Kind => ExportKinds.Registrations;

    public async Task<ExportPlan> PlanAsync(ExportRange range, CancellationToken cancellationToken)
    {
        var labelIds = (await catalog.GetAsync(cancellationToken)).ActiveFor(FormKind.Registration).Select(label => label.LabelId).ToArray();
        return new ExportPlan(
            [.. MemberColumns, .. labelIds.Select(labelId => "consent." + labelId)],
            (writer, token) => WritePagesAsync(range, labelIds, writer, token));
    }

    private async IAsyncEnumerable<int> WritePagesAsync(
        ExportRange range, IReadOnlyList<string> labelIds, ExportRowWriter writer, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Rows arrive in order of person, and a person's partition may run across a page boundary: the person is
        // written when the next partition begins (or the query ends), so at most one partition is ever held.
        var person = new RegistrationPartition(labelIds, links);
        await foreach (var page in queries.RegistrationPagesAsync(range, cancellationToken))
        {
            var written = 0;
            foreach (var row in page)
            {
                if (row.SubjectKey != person.SubjectKey)
                {
                    written += person.WriteTo(writer);
                    person.Start(row.SubjectKey);
                }

                person.Add(row);
            }

            yield return written;
        }

        yield return person.WriteTo(writer);
    }
}
