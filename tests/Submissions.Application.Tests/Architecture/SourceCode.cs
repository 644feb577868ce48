using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Submissions.Testing;

namespace Submissions.Application.Tests.Architecture;

/// <summary>The C# under src/ parsed by Roslyn (build output excluded), and the rules the source-level tests apply to it.</summary>
internal static class SourceCode
{
    public const int MaxBodyLines = 60;

    private static readonly Lazy<IReadOnlyList<SyntaxTree>> Trees = new(Load);

    /// <summary>Each tree's path is relative to the repository root, with '/' separators.</summary>
    public static IReadOnlyList<SyntaxTree> Src => Trees.Value;

    public static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, path: path);

    /// <summary>"path:line Type.Member (N lines)" for every method, constructor, accessor or local function body over the limit.</summary>
    public static IEnumerable<string> LongBodies(IEnumerable<SyntaxTree> trees) =>
        from tree in trees
        from node in tree.GetRoot().DescendantNodes()
        let body = BodyOf(node)
        where body is not null
        let span = tree.GetLineSpan(body.Span)
        let lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1
        where lines > MaxBodyLines
        select $"{tree.FilePath}:{span.StartLinePosition.Line + 1} {MemberName(node)} ({lines} lines)";

    /// <summary>"Name: Full.Name1, Full.Name2" for every simple name two public types share.</summary>
    public static IEnumerable<string> SharedPublicTypeNames(IEnumerable<SyntaxTree> trees) =>
        from type in trees.SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
        where IsPublic(type)
        let fullName = FullName(type)
        group fullName by SimpleName(type) into named
        let distinct = named.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
        where distinct.Count > 1
        select $"{named.Key}: {string.Join(", ", distinct)}";

    /// <summary>"path: A, B" for every file that declares more than one public top-level type.</summary>
    public static IEnumerable<string> FilesWithSeveralPublicTypes(IEnumerable<SyntaxTree> trees) =>
        from tree in trees
        let names = tree.GetRoot().DescendantNodes()
            .OfType<MemberDeclarationSyntax>()
            .Where(member => member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            .Where(member => member.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)
            .Where(member => member.Modifiers.Any(SyntaxKind.PublicKeyword))
            .Select(SimpleName)
            .ToList()
        where names.Count > 1
        select $"{tree.FilePath}: {string.Join(", ", names)}";

    /// <summary>"path:line" for every call of ConfigureAwait.</summary>
    public static IEnumerable<string> ConfigureAwaitCalls(IEnumerable<SyntaxTree> trees) =>
        from tree in trees
        from invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
        where invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" }
        select $"{tree.FilePath}:{tree.GetLineSpan(invocation.Span).StartLinePosition.Line + 1}";

    private static CSharpSyntaxNode? BodyOf(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax method => (CSharpSyntaxNode?)method.Body ?? method.ExpressionBody,
        AccessorDeclarationSyntax accessor => (CSharpSyntaxNode?)accessor.Body ?? accessor.ExpressionBody,
        LocalFunctionStatementSyntax local => (CSharpSyntaxNode?)local.Body ?? local.ExpressionBody,
        PropertyDeclarationSyntax property => property.ExpressionBody,
        IndexerDeclarationSyntax indexer => indexer.ExpressionBody,
        _ => null,
    };

    private static string MemberName(SyntaxNode node)
    {
        var type = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? "<top level>";
        var member = node switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            ConstructorDeclarationSyntax => "ctor",
            AccessorDeclarationSyntax accessor => $"{Owner(accessor)}.{accessor.Keyword.ValueText}",
            LocalFunctionStatementSyntax local => $"{node.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText}.{local.Identifier.ValueText}",
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            _ => node.Kind().ToString(),
        };
        return $"{type}.{member}";
    }

    private static string Owner(AccessorDeclarationSyntax accessor) => accessor.Parent?.Parent switch
    {
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        EventDeclarationSyntax @event => @event.Identifier.ValueText,
        _ => "this[]",
    };

    /// <summary>Public here means visible outside the assembly: public, and every containing type public too.</summary>
    private static bool IsPublic(BaseTypeDeclarationSyntax type) =>
        type.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().All(declaration => declaration.Modifiers.Any(SyntaxKind.PublicKeyword));

    private static string SimpleName(MemberDeclarationSyntax member) => member switch
    {
        TypeDeclarationSyntax { TypeParameterList: { } parameters } type => $"{type.Identifier.ValueText}`{parameters.Parameters.Count}",
        BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
        DelegateDeclarationSyntax @delegate => @delegate.Identifier.ValueText,
        _ => member.Kind().ToString(),
    };

    private static string FullName(BaseTypeDeclarationSyntax type)
    {
        var containers = type.AncestorsAndSelf().OfType<BaseTypeDeclarationSyntax>().Reverse().Select(SimpleName);
        var namespaces = type.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(declaration => declaration.Name.ToString());
        return string.Join('.', namespaces.Concat(containers));
    }

    private static readonly string[] SourceFolders = ["src", "tools"];

    private static List<SyntaxTree> Load()
    {
        var root = RepositoryPaths.Root;
        // src/ and the development tools beside it (the local host): the same rules hold for both.
        return [.. SourceFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.Split('/').Any(segment => segment is "obj" or "bin"))
            .Order(StringComparer.Ordinal)
            .Select(path => Parse(File.ReadAllText(Path.Combine(root, path)), path))];
    }
}
