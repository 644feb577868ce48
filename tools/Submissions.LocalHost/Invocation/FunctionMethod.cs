using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Submissions.LocalHost.Metadata;

namespace Submissions.LocalHost.Invocation;

/// <summary>
/// The method a function's entry point names, with its parameters bound as the worker binds them: the trigger by its
/// binding name, CancellationToken and FunctionContext by type, anything else by name from the route. Checked when the
/// local host starts, so a function it could not bind stops it with the function's name instead of failing a request.
/// </summary>
internal sealed class FunctionMethod
{
    private readonly FunctionEntry function;
    private readonly MethodInfo method;

    private FunctionMethod(FunctionEntry function, MethodInfo method)
    {
        this.function = function;
        this.method = method;
    }

    public Type DeclaringType => method.DeclaringType!;

    public static FunctionMethod Resolve(FunctionEntry function, Assembly app)
    {
        if (!string.Equals(function.ScriptFile, Path.GetFileName(app.Location), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Function {function.Name} lives in {function.ScriptFile}, not in the app the local host runs ({Path.GetFileName(app.Location)}).");
        }

        var dot = function.EntryPoint.LastIndexOf('.');
        var type = app.GetType(function.EntryPoint[..dot], throwOnError: true)!;
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Single(candidate => candidate.Name == function.EntryPoint[(dot + 1)..] && candidate.GetCustomAttribute<FunctionAttribute>()?.Name == function.Name);
        foreach (var parameter in method.GetParameters().Where(parameter => !CanBind(function, parameter)))
        {
            throw new InvalidOperationException($"The local host cannot bind parameter '{parameter.Name}' ({parameter.ParameterType.Name}) of function {function.Name}.");
        }

        return new FunctionMethod(function, method);
    }

    /// <summary>Runs the method on an instance the app's services build (the worker's default activator does the same).</summary>
    public async Task<object?> InvokeAsync(object? instance, FunctionContext context, InvocationInput input, CancellationToken cancellationToken)
    {
        var arguments = method.GetParameters().Select(parameter => Bind(parameter, context, input, cancellationToken)).ToArray();
        object? returned;
        try
        {
            returned = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, CultureInfo.InvariantCulture);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    public bool IsStatic => method.IsStatic;

    private static bool CanBind(FunctionEntry function, ParameterInfo parameter) =>
        parameter.ParameterType == typeof(CancellationToken)
        || parameter.ParameterType == typeof(FunctionContext)
        || (parameter.Name == function.Trigger.ParameterName && TriggerTypes(function.Trigger).Contains(parameter.ParameterType))
        || (function.Trigger is HttpTrigger http && http.Route.Contains('{' + parameter.Name!, StringComparison.OrdinalIgnoreCase)
            && TypeDescriptor.GetConverter(parameter.ParameterType).CanConvertFrom(typeof(string)));

    private static Type[] TriggerTypes(FunctionTrigger trigger) => trigger switch
    {
        HttpTrigger => [typeof(HttpRequest)],
        QueueTrigger => [typeof(QueueMessage), typeof(string), typeof(BinaryData)],
        TimerTrigger => [typeof(TimerInfo)],
        _ => [],
    };

    private object? Bind(ParameterInfo parameter, FunctionContext context, InvocationInput input, CancellationToken cancellationToken)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (parameter.ParameterType == typeof(FunctionContext))
        {
            return context;
        }

        if (parameter.Name == function.Trigger.ParameterName)
        {
            return input.TriggerValue switch
            {
                QueueMessage message when parameter.ParameterType == typeof(string) => message.MessageText,
                QueueMessage message when parameter.ParameterType == typeof(BinaryData) => message.Body,
                var value => value,
            };
        }

        var text = input.NamedValues.TryGetValue(parameter.Name!, out var named) ? named : null;
        return text is null || parameter.ParameterType == typeof(string)
            ? text
            : TypeDescriptor.GetConverter(parameter.ParameterType).ConvertFromInvariantString(text);
    }
}
