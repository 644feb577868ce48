using FluentValidation;
using Microsoft.AspNetCore.Http;
using Submissions.Domain.Validation;

namespace Submissions.Application.Http;

/// <summary>A definition an admin sent, or the problem to answer with.</summary>
public sealed record AdminBody<T>(T? Definition, ApiResult? Problem)
    where T : class;

/// <summary>Reads and validates the JSON definition of an admin PUT: the same body rules as the forms, a larger limit.</summary>
public static class AdminBody
{
    /// <param name="request"></param>

    /// <param name="validator"></param>
    /// <param name="maxBytes"></param>
    /// <param name="cancellationToken"></param>    /// <param name="moreRules">Rules the validator cannot apply itself (they depend on the environment, say).</param>
    public static async Task<AdminBody<T>> ReadAsync<T>(
        HttpRequest request, IValidator<T> validator, int maxBytes, CancellationToken cancellationToken, Action<T, FieldErrors>? moreRules = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(validator);
        var body = await JsonBodyReader.ReadAsync<T>(request, maxBytes, cancellationToken);
        if (body.Problem is not null)
        {
            return new(null, body.Problem);
        }

        var errors = (await validator.ValidateAsync(body.Value!, cancellationToken)).ToFieldErrors();
        moreRules?.Invoke(body.Value!, errors);
        return errors.IsEmpty ? new(body.Value, null) : new(null, Problems.ValidationFailed(errors));
    }
}
