namespace Submissions.Domain.Forms;

/// <summary>What every public form body carries besides its own fields.</summary>
public interface IFormRequest
{
    /// <summary>The honeypot: hidden from people, filled by bots.</summary>
    string? Website { get; }
}
