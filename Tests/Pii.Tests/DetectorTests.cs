using Moderation.Pii;

namespace Pii.Tests;

/// <summary>Exclusions, overlaps, neighbours, scores and the public label set.</summary>
public class DetectorTests
{
    [Fact]
    public void AnExcludedLabelIsNotReported()
    {
        const string text = "전화 010-2345-6789, 메일 kim@example.com";
        var found = PiiDetector.Default.Detect(text, new HashSet<string> { PiiLabels.PhoneNumber });
        Assert.Equal(PiiLabels.Email, Assert.Single(found).Label);
    }

    [Fact]
    public void AnEmailWhoseLocalPartIsAPhoneNumberIsOneEmail()
    {
        const string text = "邮箱 13912345678@163.com 谢谢";
        var entity = Assert.Single(PiiDetector.Default.Detect(text));
        Assert.Equal((PiiLabels.Email, "13912345678@163.com"), (entity.Label, entity.ValueIn(text)));
    }

    [Fact]
    public void AnExcludedLongerValueLeavesTheShorterOneInsideItReported()
    {
        const string text = "邮箱 13912345678@163.com 谢谢";
        var entity = Assert.Single(PiiDetector.Default.Detect(text, new HashSet<string> { PiiLabels.Email }));
        Assert.Equal((PiiLabels.PhoneNumber, "13912345678"), (entity.Label, entity.ValueIn(text)));
    }

    [Fact]
    public void AnInternationalNumberWinsOverTheDomesticNumberInsideIt()
    {
        const string text = "x +86 139 1234 5678";
        var entity = Assert.Single(PiiDetector.Default.Detect(text));
        Assert.Equal("+86 139 1234 5678", entity.ValueIn(text));
    }

    [Fact]
    public void AdjacentValuesAreReportedSeparately()
    {
        const string text = "010-2345-6789/010-9876-5432, a@example.com,b@example.org";
        var found = PiiDetector.Default.Detect(text);
        Assert.Equal(
            ["010-2345-6789", "010-9876-5432", "a@example.com", "b@example.org"],
            found.Select(e => e.ValueIn(text)));
        Assert.True(found.Zip(found.Skip(1)).All(p => p.First.End <= p.Second.Start));
    }

    [Fact]
    public void ValuesSeparatedBySpacesAreNotJoinedIntoOne()
    {
        const string text = "2024 010-2345-6789 3";
        var entity = Assert.Single(PiiDetector.Default.Detect(text));
        Assert.Equal("010-2345-6789", entity.ValueIn(text));
    }

    [Theory]
    [InlineData("휴대폰 010-2345-6789", 0.9)]
    [InlineData("mobile: 010-2345-6789", 0.9)]
    [InlineData("手机 010-2345-6789", 0.9)]
    [InlineData("오늘은 010-2345-6789", 0.75)]
    [InlineData("카드번호 4111111111111111", 0.95)]
    [InlineData("4111111111111111", 0.8)]
    public void AContextWordBeforeTheValueRaisesTheScore(string text, double score) =>
        Assert.Equal(score, Assert.Single(PiiDetector.Default.Detect(text)).Score);

    [Fact]
    public void EnglishContextWordsMatchOnlyAsWholeWords() =>
        Assert.Equal(0.7, Assert.Single(PiiDetector.Default.Detect("shipping 10.0.0.1")).Score);

    [Fact]
    public void DetectionGivesTheSameAnswerFromManyThreads()
    {
        const string text = "연락처 010-2345-6789 / card 4111111111111111 / 身份证11010519491231002X / ::1";
        var expected = PiiDetector.Default.Detect(text);
        Parallel.For(0, 200, _ => Assert.Equal(expected, PiiDetector.Default.Detect(text)));
    }

    [Fact]
    public void AnEntityPrintsNoValue()
    {
        const string text = "010-2345-6789";
        var entity = Assert.Single(PiiDetector.Default.Detect(text));
        Assert.DoesNotContain("2345", entity.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phone_number", PiiLabels.PhoneNumber)]
    [InlineData(" kr_rrn ", PiiLabels.KrRrn)]
    [InlineData("SECRET", PiiLabels.Secret)]
    public void LabelsAreRecognisedInAnyCase(string given, string canonical)
    {
        Assert.True(PiiLabels.TryNormalize(given, out var normalized));
        Assert.Equal(canonical, normalized);
    }

    [Fact]
    public void UnknownLabelsAreNotRecognised()
    {
        Assert.False(PiiLabels.IsKnown("PASSPORT"));
        Assert.False(PiiLabels.IsKnown(null));
        Assert.Equal(9, PiiLabels.All.Count);
    }

    [Fact]
    public void ALongTextOfDigitsAndSeparatorsIsScannedWithoutBlowingUp()
    {
        var text = string.Concat(Enumerable.Repeat("1-", 50_000)) + string.Concat(Enumerable.Repeat("a@", 50_000)) + string.Concat(Enumerable.Repeat("-----BEGIN RSA PRIVATE KEY-----", 2_000));
        Assert.NotNull(PiiDetector.Default.Detect(text));
    }
}
