using System.Net;

namespace Submissions.Domain.Network;

/// <summary>One refused block: its prefix, the registry's name for it, and where the entry comes from.</summary>
public sealed record SpecialPurposeBlock(IPNetwork Network, string Name, string Source)
{
    public static SpecialPurposeBlock Of(string prefix, string name, string source) => new(IPNetwork.Parse(prefix), name, source);
}
