namespace Moderation.Pii.Recognisers;

/// <summary>
/// Base scores per recogniser and strength of evidence (README: "Scores"). A context word before the value adds
/// <see cref="ContextBonus"/>, capped at 1. The order follows how unlikely a match is to be anything else:
/// a prefix token or a checksummed number with a real date is near-certain; a phone-shaped number is not.
/// </summary>
internal static class Scores
{
    public const double ContextBonus = 0.15;

    /// <summary>PEM private-key blocks.</summary>
    public const double PemBlock = 0.95;

    /// <summary>API keys and tokens with a known prefix, and JWTs whose header decodes to JSON with "alg".</summary>
    public const double PrefixedSecret = 0.9;

    /// <summary>KR_RRN, KR_FRN and CN_ID with a real date and a matching check digit.</summary>
    public const double CheckedIdentity = 0.85;

    /// <summary>
    /// KR_RRN or KR_FRN with a real date and a failing check digit (numbers issued since October 2020 have none):
    /// reported only when a context word precedes it, so with the bonus it ends at 0.6.
    /// </summary>
    public const double UncheckedIdentity = 0.45;

    public const double Email = 0.85;

    /// <summary>Luhn-valid with a known issuer prefix and length.</summary>
    public const double CreditCard = 0.8;

    /// <summary>Business registration number in its 3-2-5 form with a matching check digit.</summary>
    public const double BusinessNumber = 0.75;

    /// <summary>International (+CC) numbers that fit their country's plan.</summary>
    public const double InternationalPhone = 0.8;

    /// <summary>Korean and Chinese mobile numbers.</summary>
    public const double MobilePhone = 0.75;

    /// <summary>Landlines, 15XX/16XX/18XX, North American numbers without +1: shapes other numbers share more often.</summary>
    public const double OtherPhone = 0.6;

    public const double Ipv4 = 0.7;

    public const double Ipv6 = 0.8;

    /// <summary>Values accepted only because a context word precedes them (a contiguous landline or business number): 0.6 with the bonus.</summary>
    public const double NeedsContext = 0.45;
}
