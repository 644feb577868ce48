using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Submissions.Functions.Tests.Infrastructure;

/// <summary>
/// The minimum of a FunctionContext a worker middleware reads: the HttpContext item, the function's name and its entry
/// point. Lets a test invoke a middleware directly, as the worker would.
/// </summary>
public sealed class StubFunctionContext(HttpContext http, string functionName = "SubmitRegistration", string entryPoint = "Stub") : FunctionContext
{
    public override string InvocationId => "invocation";
    public override string FunctionId => "function";
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override BindingContext BindingContext => throw new NotSupportedException();
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IServiceProvider InstanceServices { get; set; } = null!;
    public override FunctionDefinition FunctionDefinition { get; } = new StubFunctionDefinition(functionName, entryPoint);
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };
    public override IInvocationFeatures Features => throw new NotSupportedException();

    private sealed class StubFunctionDefinition(string name, string entryPoint) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => "Submissions.Functions.dll";
        public override string EntryPoint => entryPoint;
        public override string Id => name;
        public override string Name => name;
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
