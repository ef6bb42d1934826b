using Moderation.Pii;

namespace Pii.Tests;

/// <summary>The three operators, on text whose values the detector found.</summary>
public class AnonymizerTests
{
    private static string Apply(string text, PiiOperator op) => PiiAnonymizer.Apply(text, PiiDetector.Default.Detect(text), op);

    [Fact]
    public void PlaceholderReplacesEachValueByItsLabel() =>
        Assert.Equal("연락처 PHONE_NUMBER, 메일 EMAIL 로 주세요", Apply("연락처 010-2345-6789, 메일 kim@example.com 로 주세요", PiiOperator.Placeholder));

    [Fact]
    public void RedactRemovesTheValueAndKeepsTheTextAroundIt() =>
        Assert.Equal("call  or write to  today", Apply("call +82 10-2345-6789 or write to kim@example.com today", PiiOperator.Redact));

    [Theory]
    [InlineData("010-2345-6789", "010-****-6789")]
    [InlineData("01023456789", "010****6789")]
    [InlineData("+82 10-2345-6789", "+82 **-****-6789")]
    [InlineData("(02) 3456-7890", "(02) ****-7890")]
    [InlineData("kim.minsu@example.co.kr", "k***@example.co.kr")]
    [InlineData("5555 5555 5555 4444", "**** **** **** 4444")]
    [InlineData("900101-1234568", "900101-1******")]
    [InlineData("220-81-23455", "220-81-*****")]
    [InlineData("11010519491231002X", "110105************")]
    [InlineData("192.168.0.10", "192.168.*.**")]
    [InlineData("2001:db8::8a2e:370:7334", "2001:***::****:***:****")]
    [InlineData("ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "ghp_****")]
    [InlineData("AKIAF3DHODZDOCIS2JHT", "AKIA****")]
    public void MaskKeepsTheShapeAndTheDocumentedCharacters(string value, string masked) =>
        Assert.Equal($"값 {masked} 끝", Apply($"값 {value} 끝", PiiOperator.Mask));

    [Fact]
    public void MaskKeepsOnlyThePemHeaderLine() =>
        Assert.Equal(
            "key -----BEGIN PRIVATE KEY-----****",
            Apply("key -----BEGIN PRIVATE KEY-----\nFJors/6ILi8IHn5kxsC7tVO/HbkQfyy/KV5zjR3j1twdTKWT\n-----END PRIVATE KEY-----", PiiOperator.Mask));

    [Fact]
    public void TextWithoutEntitiesIsReturnedUnchanged() =>
        Assert.Equal("nothing here", PiiAnonymizer.Apply("nothing here", [], PiiOperator.Mask));

    [Fact]
    public void OverlappingOrOutOfRangeEntitiesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => PiiAnonymizer.Apply("abcdef", [new("EMAIL", 0, 4, 1), new("EMAIL", 2, 5, 1)], PiiOperator.Redact));
        Assert.Throws<ArgumentException>(() => PiiAnonymizer.Apply("abc", [new("EMAIL", 1, 9, 1)], PiiOperator.Redact));
    }
}
