namespace Moderation.Engine;

/// <summary>
/// Counts, per thread, the steps of the engine's loops that do not simply advance through the text (look-aheads,
/// walks over text elements, allowlist checks), plus one step per character scanned, so tests can prove that the
/// work grows linearly with the text without timing anything. Loops count in a local and add once. Nothing is
/// counted until a test turns <see cref="Counting"/> on: a thread-static add goes through the runtime's
/// thread-local lookup (~1.5 ns), and some loops add once per hit or per masked range, thousands of times a request.
/// </summary>
internal static class WorkMeter
{
    [ThreadStatic]
    private static long _steps;

    /// <summary>Whether steps are counted, on every thread; off in production.</summary>
    public static bool Counting { get; set; }

    public static long Steps => _steps;

    public static void Reset() => _steps = 0;

    public static void Add(int steps)
    {
        if (Counting)
        {
            _steps += steps;
        }
    }
}
