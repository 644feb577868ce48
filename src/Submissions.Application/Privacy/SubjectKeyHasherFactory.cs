using System.Text;
using Microsoft.Extensions.Options;
using Submissions.Domain.Privacy;

namespace Submissions.Application.Privacy;

public static class SubjectKeyHasherFactory
{
    /// <summary>
    /// Used only in Development when no pepper is configured (the validator refuses this anywhere else), so a
    /// fresh checkout runs without secrets. Subject keys made with it are worthless outside a laptop.
    /// </summary>
    public const string DevelopmentPepper = "development-only-pepper-never-used-outside-development";

    public static SubjectKeyHasher Create(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pepper = options.Value.SubjectKeyPepper;
        return new SubjectKeyHasher(Encoding.UTF8.GetBytes(string.IsNullOrEmpty(pepper) ? DevelopmentPepper : pepper));
    }
}
