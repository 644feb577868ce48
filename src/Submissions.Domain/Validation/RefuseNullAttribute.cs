namespace Submissions.Domain.Validation;

/// <summary>
/// On a request property whose absence has a meaning (a withdrawal without a label withdraws every consent): an
/// explicit JSON <c>null</c> is refused (400, code <c>null-not-allowed</c>) instead of being read as "absent", so a
/// client bug cannot widen what a request does. The body reader applies it; put it on the property
/// (<c>[property: RefuseNull]</c> on a record parameter).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class RefuseNullAttribute : Attribute
{
}
