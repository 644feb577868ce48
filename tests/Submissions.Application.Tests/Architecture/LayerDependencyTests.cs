using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using NetArchTest.Rules;

namespace Submissions.Application.Tests.Architecture;

/// <summary>
/// Which layer may know what: the domain knows no framework, only Storage knows Azure Storage and its table entities,
/// and the function app holds triggers and wiring.
/// </summary>
public sealed class LayerDependencyTests
{
    private static readonly string[] TriggerNamespaces = ["Submissions.Functions.Http", "Submissions.Functions.Queues", "Submissions.Functions.Timers"];

    [Fact]
    public void Domain_depends_on_neither_Azure_nor_ASP_NET_Core_nor_the_outer_layers()
    {
        var result = Types.InAssembly(Layers.Domain)
            .ShouldNot().HaveDependencyOnAny("Azure", "Microsoft.AspNetCore", "Submissions.Storage", "Submissions.Application", "Submissions.Functions")
            .GetResult();

        Assert.True(result.IsSuccessful, Layers.Named("Domain types depend on Azure, ASP.NET Core, Storage, Application or Functions.", result.FailingTypeNames));
    }

    [Fact]
    public void Application_depends_on_no_Azure_namespace()
    {
        var result = Types.InAssembly(Layers.Application).ShouldNot().HaveDependencyOn("Azure").GetResult();

        Assert.True(result.IsSuccessful, Layers.Named("Application types depend on an Azure.* type (storage answers in its own types).", result.FailingTypeNames));
    }

    [Fact]
    public void Application_uses_no_table_entity_of_Storage()
    {
        var offenders =
            from entity in TableEntityTypes()
            from type in Types.InAssembly(Layers.Application).That().HaveDependencyOn(entity).GetTypes()
            group entity by type.FullName into uses
            select $"{uses.Key} uses {string.Join(", ", uses.Order(StringComparer.Ordinal))}";

        var found = offenders.ToList();
        Assert.True(found.Count == 0, Layers.Named("Application types use Storage's table entities (ITableEntity).", found));
    }

    [Fact]
    public void Storage_depends_on_neither_Application_nor_Functions()
    {
        var result = Types.InAssembly(Layers.Storage)
            .ShouldNot().HaveDependencyOnAny("Submissions.Application", "Submissions.Functions")
            .GetResult();

        Assert.True(result.IsSuccessful, Layers.Named("Storage types depend on Application or Functions.", result.FailingTypeNames));
    }

    [Fact]
    public void Functions_does_not_depend_on_Azure_Data_Tables()
    {
        var result = Types.InAssembly(Layers.Functions).ShouldNot().HaveDependencyOn("Azure.Data.Tables").GetResult();

        Assert.True(result.IsSuccessful, Layers.Named("Function app types depend on Azure.Data.Tables.", result.FailingTypeNames));
    }

    [Fact]
    public void Every_public_method_of_a_trigger_class_is_a_function()
    {
        var offenders =
            from type in Layers.Functions.GetExportedTypes()
            where TriggerNamespaces.Contains(type.Namespace, StringComparer.Ordinal)
            from method in type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
            where !method.IsSpecialName && !method.IsDefined(typeof(FunctionAttribute), inherit: false)
            select $"{type.FullName}.{method.Name}";

        Assert.Empty(TriggerNamespaces.Except(Layers.Functions.GetExportedTypes().Select(type => type.Namespace), StringComparer.Ordinal));
        var found = offenders.ToList();
        Assert.True(found.Count == 0, Layers.Named("Public methods in the trigger namespaces without [Function] (logic belongs in Application).", found));
    }

    [Fact]
    public void The_dependency_rule_finds_a_dependency_where_there_is_one()
    {
        // Guards the rules above against passing vacuously: Storage does use Azure.Data.Tables, and entities exist.
        var result = Types.InAssembly(Layers.Storage).ShouldNot().HaveDependencyOn("Azure.Data.Tables").GetResult();

        Assert.False(result.IsSuccessful);
        Assert.Contains(typeof(Storage.SubmissionsTables).FullName, result.FailingTypeNames);
        Assert.NotEmpty(TableEntityTypes());
    }

    /// <summary>Every Storage type that is (or extends) a table entity, by reflection, so a new entity is covered too.</summary>
    private static List<string> TableEntityTypes() =>
        [.. Layers.Storage.GetTypes()
            .Where(type => type != typeof(ITableEntity) && typeof(ITableEntity).IsAssignableFrom(type))
            .Select(type => type.FullName!.Replace('+', '/'))
            .Order(StringComparer.Ordinal)];
}
