#pragma warning disable CA5394 // Seeded System.Random: reproducible test inputs, nothing secret.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Moderation.Pii;

namespace Pii.Tests;

/// <summary>
/// Every label: a valid value built from its grammar, placed in neutral text in three languages, is found once
/// with its exact span and label; for checksummed labels, the same value with its check character changed is not
/// found at all (the text has no context word, so a Korean number with a failing check digit is not reported either).
/// </summary>
public class RecogniserPropertyTests
{
    private static bool FoundExactlyOnce(Embedded sample)
    {
        var found = PiiDetector.Default.Detect(sample.Text);
        return found.Count == 1 && found[0].Label == sample.Value.Label && found[0].Start == sample.Start && found[0].End == sample.End
            && found[0].Score is > 0 and <= 1;
    }

    private static bool NotFoundWithBrokenCheck(Embedded sample)
    {
        var broken = ValidValues.WithBrokenCheck(sample.Value, new Random(sample.Text.Length));
        var text = string.Concat(sample.Text.AsSpan(0, sample.Start), broken, sample.Text.AsSpan(sample.End));
        return PiiDetector.Default.Detect(text).Count == 0;
    }

    [Property(MaxTest = 300)]
    public Property ValidResidentRegistrationNumbersAreFoundWithExactSpans() => Prop.ForAll(Surroundings.Of(ValidValues.Rrn), FoundExactlyOnce);

    [Property(MaxTest = 300)]
    public Property ResidentRegistrationNumbersWithAChangedCheckDigitAreNotFound() => Prop.ForAll(Surroundings.Of(ValidValues.Rrn), NotFoundWithBrokenCheck);

    [Property(MaxTest = 300)]
    public Property ValidForeignerRegistrationNumbersAreFoundWithExactSpans() => Prop.ForAll(Surroundings.Of(ValidValues.Frn), FoundExactlyOnce);

    [Property(MaxTest = 300)]
    public Property ForeignerRegistrationNumbersWithAChangedCheckDigitAreNotFound() => Prop.ForAll(Surroundings.Of(ValidValues.Frn), NotFoundWithBrokenCheck);

    [Property(MaxTest = 300)]
    public Property ValidBusinessRegistrationNumbersAreFoundWithExactSpans() => Prop.ForAll(Surroundings.Of(ValidValues.Brn), FoundExactlyOnce);

    [Property(MaxTest = 300)]
    public Property BusinessRegistrationNumbersWithAChangedCheckDigitAreNotFound() => Prop.ForAll(Surroundings.Of(ValidValues.Brn), NotFoundWithBrokenCheck);

    [Property(MaxTest = 300)]
    public Property ValidChineseIdentityNumbersAreFoundWithExactSpans() => Prop.ForAll(Surroundings.Of(ValidValues.CnId), FoundExactlyOnce);

    [Property(MaxTest = 300)]
    public Property ChineseIdentityNumbersWithAChangedCheckCharacterAreNotFound() => Prop.ForAll(Surroundings.Of(ValidValues.CnId), NotFoundWithBrokenCheck);

    [Property(MaxTest = 300)]
    public Property ValidCardNumbersAreFoundWithExactSpans() => Prop.ForAll(Surroundings.Of(ValidValues.Card), FoundExactlyOnce);

    [Property(MaxTest = 300)]
    public Property CardNumbersWithAChangedCheckDigitAreNotFound() => Prop.ForAll(Surroundings.Of(ValidValues.Card), NotFoundWithBrokenCheck);

    [Property(MaxTest = 300)]
    public Property PhoneNumbersAreFoundWithExactSpans() => Prop.ForAll(Surroundings.Of(ValidValues.Phone), FoundExactlyOnce);

    [Property(MaxTest = 300)]
    public Property EmailAddressesAreFoundWithExactSpans() => Prop.ForAll(Surroundings.Of(ValidValues.Email), FoundExactlyOnce);

    [Property(MaxTest = 300)]
    public Property IpAddressesAreFoundWithExactSpans() => Prop.ForAll(Surroundings.Of(ValidValues.Ip), FoundExactlyOnce);

    [Property(MaxTest = 300)]
    public Property SecretsAreFoundWithExactSpans() => Prop.ForAll(Surroundings.Of(ValidValues.Secret), FoundExactlyOnce);

    [Property(MaxTest = 300)]
    public Property ADigitRunAroundAValidNumberHidesIt() =>
        Prop.ForAll(Surroundings.Of(ValidValues.Rrn), sample =>
        {
            var text = sample.Text[..sample.Start] + "1234" + sample.Value.Value.Replace("-", "", StringComparison.Ordinal) + "5678" + sample.Text[sample.End..];
            return PiiDetector.Default.Detect(text).Count == 0;
        });

    [Property(MaxTest = 300)]
    public Property EntitiesLieWithinAnyTextAndDoNotOverlap() =>
        Prop.ForAll(ArbitraryTexts(), text =>
        {
            var found = PiiDetector.Default.Detect(text);
            var previousEnd = 0;
            foreach (var entity in found)
            {
                if (entity.Start < previousEnd || entity.End <= entity.Start || entity.End > text.Length || !PiiLabels.All.Contains(entity.Label))
                {
                    return false;
                }

                previousEnd = entity.End;
            }

            return true;
        });

    /// <summary>Text made of fragments that reach every recogniser's edge cases, and arbitrary strings.</summary>
    private static Arbitrary<string> ArbitraryTexts()
    {
        string[] fragments =
        [
            "010", "-", "1234", " ", ".", "5678", "+82", "(02)", "(", ")", "@", "a", "example.com", "x", "X", "::", ":", "1",
            "255", "eyJ", "sk-", "ghp_", "AKIA", "-----BEGIN ", "PRIVATE KEY-----", "-----END ", "전화", "身份证", "０", "９",
            "\uD83D", "\u200B", "92", "0101", "4111", "_",
        ];
        return Gen.OneOf(
                Gen.Elements(fragments).ArrayOf().Select(parts => string.Concat(parts)),
                ArbMap.Default.GeneratorFor<string>().Where(s => s is not null))
            .ToArbitrary();
    }
}
