using CsCheck;

namespace Submissions.Functions.Tests.Fuzzing;

/// <summary>
/// The random choices of one generated case, written as straight-line code. Every choice goes through CsCheck's own
/// generators and their sizes add up, so CsCheck can still tell a smaller failing case from a larger one and shrink.
/// </summary>
public sealed class Draw(PCG pcg)
{
    private ulong size;

    public Size Size => new(size);

    public T From<T>(Gen<T> gen)
    {
        ArgumentNullException.ThrowIfNull(gen);
        var value = gen.Generate(pcg, null!, out var drawn);
        size = drawn.I > ulong.MaxValue - size ? ulong.MaxValue : size + drawn.I;
        return value;
    }

    /// <summary>An integer in [min, max].</summary>
    public int Between(int min, int max) => From(Gen.Int[min, max]);

    public bool Chance(int percent) => Between(0, 99) < percent;

    /// <summary>One of the options; earlier options count as smaller, so put the plainest first.</summary>
    public T PickFrom<T>(IReadOnlyList<T> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options[Between(0, options.Count - 1)];
    }

    public T Pick<T>(params T[] options) => PickFrom(options);

    /// <summary>A weighted choice among actions (category generators), run at once.</summary>
    public T Weighted<T>(params (int Weight, Func<Draw, T> Make)[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var roll = Between(0, choices.Sum(choice => choice.Weight) - 1);
        foreach (var (weight, make) in choices)
        {
            if (roll < weight)
            {
                return make(this);
            }

            roll -= weight;
        }

        throw new InvalidOperationException("Unreachable: the roll is below the total weight.");
    }

    /// <summary>Letters and digits, lower case.</summary>
    public string Id(int min, int max) => From(Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], min, max]);
}

/// <summary>A CsCheck generator made of a <see cref="Draw"/> function.</summary>
public sealed class DrawGen<T>(Func<Draw, T> body) : Gen<T>
{
    public override T Generate(PCG pcg, Size? min, out Size size)
    {
        var draw = new Draw(pcg);
        var value = body(draw);
        size = draw.Size;
        return value;
    }
}
