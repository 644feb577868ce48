using Submissions.Application.Exports;
using Submissions.Application.Forms;
using Submissions.Storage.Subjects;

namespace Submissions.Application.Registrations;

/// <summary>The registration form as access, erasure and exports see it: its member row is the bundle's "registration".</summary>
public static class RegistrationForm
{
    public static FormRegistration Registration { get; } = new(RegistrationFormStorage.Definition)
    {
        ErasureCount = "registration",
        ConsentSource = ConsentExport.SubjectSource,
        CountErased = snapshot => snapshot.Member is null ? 0 : 1,
        Exports = [FormRegistration.Create<RegistrationExport>()],
    };
}
