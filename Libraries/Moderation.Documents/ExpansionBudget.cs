namespace Moderation.Documents;

/// <summary>
/// Bytes that decompression may still produce for one document. Charged as bytes come out of an inflater, so a
/// bomb is refused after at most <see cref="Limit"/> bytes of work whatever its headers say.
/// </summary>
internal sealed class ExpansionBudget(long limit, string whatExpands)
{
    public long Limit { get; } = limit;

    /// <summary>Bytes inflated so far; tests read it to show that a bomb stopped early.</summary>
    public long Used { get; private set; }

    public long Remaining => Limit - Used;

    public void Charge(long bytes)
    {
        Used += bytes;
        if (Used > Limit)
        {
            throw new DocumentRejectedException($"{whatExpands} expands to more than {Sizes.Bytes(Limit)}");
        }
    }
}
