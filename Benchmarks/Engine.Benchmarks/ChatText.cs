using System.Text;

namespace Engine.Benchmarks;

/// <summary>Deterministic chat text: corpus lines in a fixed pseudo-random order with about one profanity per 100 characters.</summary>
internal static class ChatText
{
    private const int Seed = 20251123;
    private const int CharsPerProfanity = 100;

    public static string Generate(string lang, int length)
    {
        // A seeded System.Random yields the same sequence on every run, which is all a benchmark input needs.
#pragma warning disable CA5394
        var random = new Random(Seed);
        var sentences = ChatCorpus.Sentences(lang);
        var profanities = ChatCorpus.Profanities(lang);
        var separator = lang == "zh" ? "" : " ";
        var afterProfanity = lang == "zh" ? "，" : " ";
        var builder = new StringBuilder(length + 64);

        // Start part-way through the first interval so that even a 100-character text holds one profanity.
        var nextProfanityAt = random.Next(20, 60);
        while (builder.Length < length)
        {
            if (builder.Length > 0)
            {
                builder.Append(separator);
            }

            if (builder.Length >= nextProfanityAt)
            {
                builder.Append(profanities[random.Next(profanities.Count)]).Append(afterProfanity);
                nextProfanityAt = builder.Length + random.Next(CharsPerProfanity / 2, CharsPerProfanity * 3 / 2);
            }

            builder.Append(sentences[random.Next(sentences.Count)]);
        }
#pragma warning restore CA5394

        // The corpus is all in the Basic Multilingual Plane, so cutting at any index splits no surrogate pair.
        return builder.ToString(0, length);
    }
}
