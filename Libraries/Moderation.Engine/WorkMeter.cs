namespace Moderation.Engine;

/// <summary>
/// Counts, per thread, the steps of the engine's loops that do not simply advance through the text (look-aheads,
/// walks over text elements, allowlist checks), plus one step per character scanned, so tests can prove that the
/// work grows linearly with the text without timing anything. Loops count in a local and add once, so the cost is
/// one thread-static add per loop, never one per character.
/// </summary>
internal static class WorkMeter
{
    [ThreadStatic]
    private static long _steps;

    public static long Steps => _steps;

    public static void Reset() => _steps = 0;

    public static void Add(int steps) => _steps += steps;
}
