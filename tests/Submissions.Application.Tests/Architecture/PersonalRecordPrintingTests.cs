using System.Reflection;
using System.Runtime.CompilerServices;

namespace Submissions.Application.Tests.Architecture;

/// <summary>
/// A record prints every property in its ToString, so one holding a person's values would spill them into any log,
/// exception or debugger display that prints it. Domain's and Storage's records that carry an email or a display name print none.
/// </summary>
public sealed class PersonalRecordPrintingTests
{
    private const string Marker = "personal-value-7f3a";

    [Fact]
    public void Records_holding_an_email_or_a_name_print_none_of_their_values()
    {
        var personal = Layers.Domain.GetExportedTypes().Concat(Layers.Storage.GetExportedTypes())
            .Where(type => type.GetMethod("<Clone>$") is not null)
            .Where(type => type.GetProperty("Email") is not null || type.GetProperty("DisplayName") is not null)
            .ToList();
        Assert.NotEmpty(personal);

        var printing = personal.Where(type => PrintedMarker(type)).Select(type => type.FullName).ToList();

        Assert.True(printing.Count == 0, $"Records that print a person's values: {string.Join(", ", printing)}");
    }

    /// <summary>Whether ToString shows a string property's value (every string property is set to the marker).</summary>
    private static bool PrintedMarker(Type type)
    {
        var record = RuntimeHelpers.GetUninitializedObject(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.PropertyType == typeof(string) && property.CanWrite))
        {
            property.SetValue(record, Marker);
        }

        return record.ToString()!.Contains(Marker, StringComparison.Ordinal);
    }
}
