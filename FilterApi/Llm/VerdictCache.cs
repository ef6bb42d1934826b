using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FilterApi.Keys;
using StackExchange.Redis;

namespace FilterApi.Llm;

/// <summary>
/// Safe and unsafe verdicts by text, so the same text costs one model call per <see cref="LlmOptions.CacheTtl"/>.
/// Neither keys nor values hold the text: the key is a SHA-256 of the normalised text, the value the answer alone.
/// </summary>
internal abstract class VerdictCache
{
    public const string KeyPrefix = "llm:verdict:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <c>llm:verdict:{prompt version}:{model}:{sha256 hex}</c>: another model or prompt judges afresh. The hash is of
    /// <see cref="Normalize"/>d text.
    /// </summary>
    public static string KeyFor(string model, string text) =>
        $"{KeyPrefix}{JudgePrompt.Version}:{model}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(text))))}";

    /// <summary>
    /// The text as the cache compares it: compatibility forms folded (full-width letters, ligatures), lower case,
    /// runs of white space as one space. Deliberately not the lexicon engine's normalisation, which drops digits and
    /// punctuation and would make "she is 12" and "she is 21", or a card number and no card number, one text: the
    /// model judges those differently, so they must not share a verdict.
    /// </summary>
    public static string Normalize(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <returns>The cached answer, or null on a miss. Throws when the store fails; the caller counts that as a miss.</returns>
    public abstract Task<JudgeAnswer?> GetAsync(string key);

    /// <summary>Stores without waiting: a verdict that fails to be cached costs a later model call, nothing more.</summary>
    public abstract void Set(string key, JudgeAnswer answer);

    protected static string Serialize(JudgeAnswer answer) => JsonSerializer.Serialize(answer, Json);

    protected static JudgeAnswer? Deserialize(string value) =>
        JsonSerializer.Deserialize<JudgeAnswer>(value, Json) is { Outcome: LlmOutcome.Safe or LlmOutcome.Unsafe, Categories: not null, Reason: not null } answer
            ? answer
            : throw new JsonException("a cached verdict that is neither safe nor unsafe");
}

/// <summary>Shared by every replica through Redis, expiring with Redis's own TTL.</summary>
internal sealed class RedisVerdictCache(IConnectionMultiplexer redis, TimeSpan ttl) : VerdictCache
{
    public override async Task<JudgeAnswer?> GetAsync(string key)
    {
        var value = await redis.GetDatabase().StringGetAsync(key);
        return value.IsNullOrEmpty ? null : Deserialize(value.ToString());
    }

    public override void Set(string key, JudgeAnswer answer) =>
        redis.GetDatabase().StringSet(key, Serialize(answer), ttl, flags: CommandFlags.FireAndForget);
}

/// <summary>Without Redis: this process only, bounded, least recently used verdicts forgotten first.</summary>
internal sealed class InProcessVerdictCache(int capacity, TimeSpan ttl, TimeProvider time) : VerdictCache
{
    private readonly LruCache<JudgeAnswer> _answers = new(capacity);

    public override Task<JudgeAnswer?> GetAsync(string key) =>
        Task.FromResult(_answers.TryGet(key, time.GetUtcNow().ToUnixTimeMilliseconds(), out var answer) ? answer : null);

    public override void Set(string key, JudgeAnswer answer) =>
        _answers.Set(key, answer, (time.GetUtcNow() + ttl).ToUnixTimeMilliseconds());
}
