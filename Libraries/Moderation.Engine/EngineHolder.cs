namespace Moderation.Engine;

/// <summary>
/// Holds the engine in use. Readers take <see cref="Current"/> once per request; a lexicon change builds a new
/// engine off to the side and swaps it in with one reference write, so no request ever sees a half-built engine.
/// </summary>
public sealed class EngineHolder(ModerationEngine initial)
{
    private ModerationEngine _current = initial;

    public ModerationEngine Current => Volatile.Read(ref _current);

    public void Swap(ModerationEngine next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref _current, next);
    }
}
