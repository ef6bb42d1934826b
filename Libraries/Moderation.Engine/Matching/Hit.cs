namespace Moderation.Engine.Matching;

/// <summary>
/// A verified hit: records <see cref="First"/>..<see cref="Last"/> (widened to the whole word for prefix and
/// suffix terms), the records the pattern itself matched, and the entry (or allowlist entry) behind it.
/// </summary>
internal readonly record struct Hit(int First, int Last, int MatchFirst, int MatchLast, int Source);
