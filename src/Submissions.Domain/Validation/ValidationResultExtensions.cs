using FluentValidation.Results;

namespace Submissions.Domain.Validation;

public static class ValidationResultExtensions
{
    /// <summary>Maps FluentValidation's property paths ("Consents[0].Granted") to the JSON paths clients sent ("consents[0].granted").</summary>
    public static FieldErrors ToFieldErrors(this ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new FieldErrors();
        foreach (var failure in result.Errors)
        {
            errors.Add(ToJsonPath(failure.PropertyName), failure.ErrorMessage, FieldErrorCodes.For(failure.ErrorCode));
        }

        return errors;
    }

    public static string ToJsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(segment =>
            segment.Length == 0 ? segment : string.Concat(char.ToLowerInvariant(segment[0]).ToString(), segment.AsSpan(1))));
}
