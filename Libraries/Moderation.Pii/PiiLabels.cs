using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Moderation.Pii;

/// <summary>The labels <see cref="PiiDetector"/> reports, spelled as the API spells them.</summary>
public static class PiiLabels
{
    public const string PhoneNumber = "PHONE_NUMBER";
    public const string Email = "EMAIL";
    public const string KrRrn = "KR_RRN";
    public const string KrFrn = "KR_FRN";
    public const string KrBrn = "KR_BRN";
    public const string CnId = "CN_ID";
    public const string CreditCard = "CREDIT_CARD";
    public const string IpAddress = "IP_ADDRESS";
    public const string Secret = "SECRET";

    /// <summary>Every label, compared ordinally (labels are upper case; <see cref="TryNormalize"/> accepts any case).</summary>
    public static FrozenSet<string> All { get; } = FrozenSet.Create(
        StringComparer.Ordinal, PhoneNumber, Email, KrRrn, KrFrn, KrBrn, CnId, CreditCard, IpAddress, Secret);

    /// <summary>True when <paramref name="label"/> names a label in any letter case; <paramref name="normalized"/> is then its canonical spelling.</summary>
    public static bool TryNormalize(string? label, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrEmpty(label))
        {
            return false;
        }

        var upper = label.Trim().ToUpperInvariant();
        if (!All.TryGetValue(upper, out var canonical))
        {
            return false;
        }

        normalized = canonical;
        return true;
    }

    public static bool IsKnown(string? label) => TryNormalize(label, out _);
}
