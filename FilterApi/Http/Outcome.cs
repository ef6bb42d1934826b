using System.Diagnostics.CodeAnalysis;

namespace FilterApi.Http;

/// <summary>
/// What a step of admitting a request gives: its value, or the <see cref="Refusal"/> the client is answered with.
/// A step returns either one (both convert implicitly); the caller takes them apart with <see cref="TryGetValue"/>.
/// </summary>
internal readonly struct Outcome<T>
{
    private readonly T? _value;
    private readonly Refusal? _refusal;

    private Outcome(T? value, Refusal? refusal)
    {
        _value = value;
        _refusal = refusal;
    }

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);

    public bool TryGetValue([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out Refusal? refusal)
    {
        if (_refusal is { } refused)
        {
            value = default;
            refusal = refused;
            return false;
        }

        value = _value!;
        refusal = null;
        return true;
    }
}
