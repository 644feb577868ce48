namespace Submissions.Application.Tests.Architecture;

/// <summary>
/// Rules read from the source under src/: short methods, names that say one thing (one public type per name and per
/// file), and no ConfigureAwait (the isolated worker and ASP.NET Core have no SynchronizationContext; see .editorconfig).
/// </summary>
public sealed class SourceRulesTests
{
    [Fact]
    public void The_source_tree_is_found()
    {
        Assert.Contains(SourceCode.Src, tree => tree.FilePath == "src/Submissions.Functions/Program.cs");
        Assert.DoesNotContain(SourceCode.Src, tree => tree.FilePath.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public void No_method_constructor_or_accessor_body_spans_more_than_60_lines()
    {
        var found = SourceCode.LongBodies(SourceCode.Src).ToList();

        Assert.True(found.Count == 0, Layers.Named($"Bodies over {SourceCode.MaxBodyLines} lines.", found));
    }

    [Fact]
    public void No_two_public_types_share_a_name()
    {
        var found = SourceCode.SharedPublicTypeNames(SourceCode.Src).ToList();

        Assert.True(found.Count == 0, Layers.Named("Public type names declared more than once.", found));
    }

    [Fact]
    public void Each_file_declares_at_most_one_public_top_level_type()
    {
        var found = SourceCode.FilesWithSeveralPublicTypes(SourceCode.Src).ToList();

        Assert.True(found.Count == 0, Layers.Named("Files declaring several public top-level types (records included).", found));
    }

    [Fact]
    public void No_source_file_calls_ConfigureAwait()
    {
        var found = SourceCode.ConfigureAwaitCalls(SourceCode.Src).ToList();

        Assert.True(found.Count == 0, Layers.Named("ConfigureAwait calls (the app never calls it; see .editorconfig).", found));
    }

    [Fact]
    public void Each_source_rule_reports_a_breach_by_name()
    {
        // The rules above must be able to fail: each is run on a small source that breaks it.
        var longMethod = "namespace N;\npublic sealed class Long\n{\n    public void Run()\n    {\n" + string.Concat(Enumerable.Repeat("        _ = 1;\n", 59)) + "    }\n}\n";
        var twoTypes = "namespace N;\npublic sealed class A { }\npublic sealed record B(int X);\ninternal sealed class C { }\n";
        var sameName = "namespace M;\npublic sealed class A { public sealed class B { } }\n";
        var configureAwait = "namespace N;\ninternal static class D\n{\n    public static async Task Run(Task task) => await task.ConfigureAwait(false);\n}\n";

        Assert.Equal(["long.cs:5 Long.Run (61 lines)"], SourceCode.LongBodies([SourceCode.Parse(longMethod, "long.cs")]));
        Assert.Equal(["two.cs: A, B"], SourceCode.FilesWithSeveralPublicTypes([SourceCode.Parse(twoTypes, "two.cs")]));
        Assert.Equal(
            ["A: M.A, N.A", "B: M.A.B, N.B"],
            SourceCode.SharedPublicTypeNames([SourceCode.Parse(twoTypes, "two.cs"), SourceCode.Parse(sameName, "same.cs")]).Order(StringComparer.Ordinal));
        Assert.Equal(["await.cs:4"], SourceCode.ConfigureAwaitCalls([SourceCode.Parse(configureAwait, "await.cs")]));
    }
}
