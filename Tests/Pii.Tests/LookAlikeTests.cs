using Moderation.Pii;

namespace Pii.Tests;

/// <summary>Numbers and tokens that look like personal data but fail a date, a check digit, a prefix or a boundary.</summary>
public class LookAlikeTests
{
    [Theory]
    [InlineData("ISBN 978-89-546-1234-5 도서")]
    [InlineData("ISBN 9788954612345")]
    [InlineData("ISBN 0-306-40615-2")]
    [InlineData("주문번호 2024-0315-7781 배송")]
    [InlineData("order #20240315778112 shipped")]
    [InlineData("version 1.2.3.4 released")]
    [InlineData("버전 2.10.3.1 업데이트")]
    [InlineData("版本 1.0.0.1 发布")]
    [InlineData("running v1.2.3.4 now")]
    [InlineData("chain 1.2.3.4.5 of")]
    [InlineData("octets 256.1.1.1 bad")]
    [InlineData("card 4111111111111112 declined")]
    [InlineData("test 1234 5678 9012 3456")]
    [InlineData("no issuer 1234567812345670")]
    [InlineData("번호 020-1234-5678 오류")]
    [InlineData("번호 012-3456-7890 오류")]
    [InlineData("일정 2024-01-15 14:30")]
    [InlineData("일정 2024.01.15.")]
    [InlineData("1592-1598년 임진왜란")]
    [InlineData("생일 990230-1234567 가짜")]
    [InlineData("号码 110105194912310021 错误")]
    [InlineData("시간 12:30:45 기준")]
    [InlineData("mac 00:1A:2B:3C:4D:5E")]
    [InlineData("use sk-learn for that")]
    [InlineData("AKIA is the prefix")]
    [InlineData("ghp_short token")]
    [InlineData("id 01023456789012345 long")]
    [InlineData("code ABC-010-2345-6789")]
    [InlineData("price 1,234,567원")]
    [InlineData("user@localhost is not an address")]
    [InlineData("a@b.c is too short")]
    [InlineData("eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiIxIn0.c2ln has no alg")]
    public void LookAlikesProduceNoEntity(string text) => Assert.Empty(PiiDetector.Default.Detect(text));

    [Fact]
    public void AResidentNumberInsideALongerDigitRunIsNotReported() =>
        Assert.Empty(PiiDetector.Default.Detect("ref 1234900101123456856 end"));

    [Fact]
    public void AResidentNumberWithAFailingCheckDigitIsReportedOnlyAfterAContextWord()
    {
        // 900101-1234567: a real date, and a check digit that fails (as on numbers issued since October 2020).
        Assert.Empty(PiiDetector.Default.Detect("참고 900101-1234567 입니다"));
        var entity = Assert.Single(PiiDetector.Default.Detect("주민등록번호 900101-1234567 입니다"));
        Assert.Equal((PiiLabels.KrRrn, 0.6), (entity.Label, entity.Score));
    }

    [Fact]
    public void AContiguousLandlineIsReportedOnlyAfterAContextWord()
    {
        Assert.Empty(PiiDetector.Default.Detect("코드 0313456789 입니다"));
        Assert.Equal(PiiLabels.PhoneNumber, Assert.Single(PiiDetector.Default.Detect("전화 0313456789 주세요")).Label);
    }
}
