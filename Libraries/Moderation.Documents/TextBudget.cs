namespace Moderation.Documents;

/// <summary>Characters of text one document may produce (<see cref="DocumentLimits.MaxTextChars"/>).</summary>
internal sealed class TextBudget(long limit)
{
    private long _used;

    public void Charge(int chars)
    {
        _used += chars;
        if (_used > limit)
        {
            throw new DocumentRejectedException($"the document has more than {Sizes.Number(limit)} characters of text");
        }
    }
}
