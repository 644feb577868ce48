using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Invocation;

/// <summary>What the worker's middleware may read of the function being invoked: its name, id and entry point.</summary>
internal sealed class LocalFunctionDefinition(FunctionEntry function) : FunctionDefinition
{
    public override ImmutableArray<FunctionParameter> Parameters => [];

    public override string PathToAssembly => function.ScriptFile;

    public override string EntryPoint => function.EntryPoint;

    public override string Id => function.Name;

    public override string Name => function.Name;

    public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
}
