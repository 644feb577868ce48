using System.Reflection;
using Submissions.Domain.Forms;
using Submissions.Functions.Hosting;
using Submissions.Storage;

namespace Submissions.Application.Tests.Architecture;

/// <summary>The four src/ assemblies, as the architecture rules name them.</summary>
internal static class Layers
{
    public static Assembly Domain { get; } = typeof(FormKind).Assembly;

    public static Assembly Storage { get; } = typeof(SubmissionsTables).Assembly;

    public static Assembly Application { get; } = typeof(ApplicationServiceCollectionExtensions).Assembly;

    public static Assembly Functions { get; } = typeof(SubmissionsFunctionsApp).Assembly;

    /// <summary>"N types: A, B" — every rule's failure names what broke it.</summary>
    public static string Named(string rule, IEnumerable<string>? offenders)
    {
        var names = (offenders ?? []).Order(StringComparer.Ordinal).ToList();
        return $"{rule} Offending ({names.Count}):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", names)}";
    }
}
