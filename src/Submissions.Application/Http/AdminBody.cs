using FluentValidation;
using Microsoft.AspNetCore.Http;
using Submissions.Domain.Validation;

namespace Submissions.Application.Http;

/// <summary>Reads and validates the JSON definition of an admin PUT: the same body rules as the forms, a larger limit.</summary>
public static class AdminBody
{
    /// <param name="request">The admin request; its body is the definition.</param>
    /// <param name="validator">The definition's rules.</param>
    /// <param name="maxBytes">The largest body accepted (413 above it).</param>
    /// <param name="cancellationToken">The request's token.</param>
    /// <param name="moreRules">Rules the validator cannot apply itself (they depend on the environment, say).</param>
    public static async Task<AdminDefinitionRead<T>> ReadAsync<T>(
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
