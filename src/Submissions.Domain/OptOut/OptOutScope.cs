using System.Diagnostics.CodeAnalysis;
using Submissions.Domain.Consent;

namespace Submissions.Domain.OptOut;

/// <summary>
/// What an opt-out link stops: the purpose <c>special-offers</c>, or sharing with one partner, written
/// <c>partner:{partnerId}</c>. Instances exist only through <see cref="SpecialOffers"/>, <see cref="Partner"/> and
/// <see cref="TryParse"/>, so every scope is valid.
/// </summary>
public sealed record OptOutScope
{
    /// <summary>The longest scope text: the partner prefix and a 64-character partner id.</summary>
    public const int MaxLength = 8 + 64;

    private const string PartnerPrefix = "partner:";

    private OptOutScope(OptOutScopeKind kind, string? partnerId, string value)
    {
        Kind = kind;
        PartnerId = partnerId;
        Value = value;
    }

    public static OptOutScope SpecialOffers { get; } = new(OptOutScopeKind.SpecialOffers, null, ConsentPurpose.SpecialOffers);

    public OptOutScopeKind Kind { get; }

    /// <summary>The partner, for <see cref="OptOutScopeKind.PartnerSharing"/>; otherwise null.</summary>
    public string? PartnerId { get; }

    /// <summary>The scope as text: <c>special-offers</c> or <c>partner:{partnerId}</c>.</summary>
    public string Value { get; }

    /// <exception cref="ArgumentException">The id does not follow <see cref="Identifiers"/>.</exception>
    public static OptOutScope Partner(string partnerId)
    {
        if (!Identifiers.IsValid(partnerId))
        {
            throw new ArgumentException($"A partner id is {Identifiers.Rule}.", nameof(partnerId));
        }

        return new(OptOutScopeKind.PartnerSharing, partnerId, PartnerPrefix + partnerId);
    }

    /// <summary>Parses the exact text <see cref="Value"/> gives; anything else (case, spaces, an invalid partner id) is refused.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out OptOutScope? scope)
    {
        scope = null;
        if (value is null || value.Length > MaxLength)
        {
            return false;
        }

        if (string.Equals(value, ConsentPurpose.SpecialOffers, StringComparison.Ordinal))
        {
            scope = SpecialOffers;
            return true;
        }

        if (value.StartsWith(PartnerPrefix, StringComparison.Ordinal) && Identifiers.IsValid(value[PartnerPrefix.Length..]))
        {
            scope = new(OptOutScopeKind.PartnerSharing, value[PartnerPrefix.Length..], value);
            return true;
        }

        return false;
    }

    public override string ToString() => Value;
}
