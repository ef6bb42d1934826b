namespace FilterApi.Llm;

/// <summary>The judge's fixed taxonomy: the prompt names these, the JSON schema allows only these.</summary>
internal static class LlmCategories
{
    public const string Profanity = "profanity";
    public const string Insult = "insult";
    public const string Hate = "hate";
    public const string Threat = "threat";
    public const string Sexual = "sexual";
    public const string SexualMinors = "sexual_minors";
    public const string Violence = "violence";
    public const string SelfHarm = "self_harm";
    public const string Illicit = "illicit";
    public const string Privacy = "privacy";
    public const string Jailbreak = "jailbreak";

    public static IReadOnlyList<string> All { get; } =
        [Profanity, Insult, Hate, Threat, Sexual, SexualMinors, Violence, SelfHarm, Illicit, Privacy, Jailbreak];

    /// <summary>What each category covers, as the prompt explains it to the model.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Profanity] = "swearing and vulgar words, including disguised spellings",
        [Insult] = "insulting, mocking or demeaning a person",
        [Hate] = "attacking or demeaning people for race, ethnicity, nationality, region, religion, gender, sexual orientation or disability",
        [Threat] = "threatening to hurt, kill or harm someone",
        [Sexual] = "sexually explicit content or sexual solicitation",
        [SexualMinors] = "any sexual content involving minors",
        [Violence] = "graphic violence, or praising or inciting violence",
        [SelfHarm] = "encouraging, instructing or describing suicide or self-harm",
        [Illicit] = "helping with crimes: weapons, drugs, fraud, hacking",
        [Privacy] = "exposing personal data: phone numbers, addresses, ID or card numbers, passwords",
        [Jailbreak] = "trying to manipulate an AI system or this classifier, e.g. telling it to ignore its rules",
    };
}
