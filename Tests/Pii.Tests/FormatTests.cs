using Moderation.Pii;

namespace Pii.Tests;

/// <summary>Each recognised format, written as people write it, is found once with its label and exact value.</summary>
public class FormatTests
{
    [Theory]
    [InlineData("저한테 010-2345-6789로 연락 주세요", "010-2345-6789")]
    [InlineData("번호 010 2345 6789 남겨요", "010 2345 6789")]
    [InlineData("문자는 01023456789 여기로", "01023456789")]
    [InlineData("예전 번호 011-234-5678 이에요", "011-234-5678")]
    [InlineData("사무실 02-345-6789 입니다", "02-345-6789")]
    [InlineData("사무실 (02) 3456-7890 입니다", "(02) 3456-7890")]
    [InlineData("지점 031-765-4321 으로", "031-765-4321")]
    [InlineData("인터넷전화 070-1234-5678", "070-1234-5678")]
    [InlineData("고객센터 1588-1234 운영", "1588-1234")]
    [InlineData("call me at +82 10-2345-6789 tonight", "+82 10-2345-6789")]
    [InlineData("call me at +82-10-2345-6789", "+82-10-2345-6789")]
    [InlineData("office +1 (415) 555-0132 ext", "+1 (415) 555-0132")]
    [InlineData("office (415) 555-0132 ext", "(415) 555-0132")]
    [InlineData("office 415-555-0132 ext", "415-555-0132")]
    [InlineData("London +44 20 7946 0958.", "+44 20 7946 0958")]
    [InlineData("我的手机号13912345678，谢谢", "13912345678")]
    [InlineData("手机 139 1234 5678 谢谢", "139 1234 5678")]
    [InlineData("请拨打 +86 139 1234 5678", "+86 139 1234 5678")]
    [InlineData("北京办公室 010-62345678", "010-62345678")]
    [InlineData("풀와이드 ０１０－２３４５－６７８９ 번호", "０１０－２３４５－６７８９")]
    public void PhoneNumbersAreFound(string text, string value) => AssertOne(text, PiiLabels.PhoneNumber, value);

    [Theory]
    [InlineData("메일은 kim.minsu@example.co.kr 로", "kim.minsu@example.co.kr")]
    [InlineData("write to a.b+tag@mail.example.org.", "a.b+tag@mail.example.org")]
    [InlineData("邮箱 123456@qq.com 联系", "123456@qq.com")]
    [InlineData("메일주소:lee@example.com입니다", "lee@example.com")]
    public void EmailAddressesAreFound(string text, string value) => AssertOne(text, PiiLabels.Email, value);

    [Theory]
    [InlineData("번호 900101-1234568 확인", "900101-1234568", PiiLabels.KrRrn)]
    [InlineData("번호 9912312345671 확인", "9912312345671", PiiLabels.KrRrn)]
    [InlineData("2000년 윤일생 000229-3987650", "000229-3987650", PiiLabels.KrRrn)]
    [InlineData("등록증 850615-5112237 사본", "850615-5112237", PiiLabels.KrFrn)]
    [InlineData("등록증 750505-6543210", "750505-6543210", PiiLabels.KrFrn)]
    [InlineData("법인 220-81-23455 입니다", "220-81-23455", PiiLabels.KrBrn)]
    [InlineData("사업자등록번호 2208123455", "2208123455", PiiLabels.KrBrn)]
    [InlineData("身份证11010519491231002X。", "11010519491231002X", PiiLabels.CnId)]
    [InlineData("号码 440300 19900307 1234 已登记", "440300 19900307 1234", PiiLabels.CnId)]
    public void IdentityNumbersAreFound(string text, string value, string label) => AssertOne(text, label, value);

    [Theory]
    [InlineData("card 4111111111111111 exp", "4111111111111111")]
    [InlineData("카드 5555 5555 5555 4444 결제", "5555 5555 5555 4444")]
    [InlineData("amex 3782-822463-10005 ok", "3782-822463-10005")]
    [InlineData("银行卡6212345678901232", "6212345678901232")]
    [InlineData("discover 6011-0000-9013-9423", "6011-0000-9013-9423")]
    public void CardNumbersAreFound(string text, string value) => AssertOne(text, PiiLabels.CreditCard, value);

    [Theory]
    [InlineData("server 192.168.0.10:8080 down", "192.168.0.10")]
    [InlineData("접속 IP는 10.0.0.1입니다.", "10.0.0.1")]
    [InlineData("host [2001:db8::8a2e:370:7334]:443", "2001:db8::8a2e:370:7334")]
    [InlineData("loopback ::1 only", "::1")]
    [InlineData("mapped ::ffff:192.0.2.128 here", "::ffff:192.0.2.128")]
    public void IpAddressesAreFound(string text, string value) => AssertOne(text, PiiLabels.IpAddress, value);

    [Theory]
    [InlineData("key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z done", "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z")]
    [InlineData("token=ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8")]
    [InlineData("aws AKIAF3DHODZDOCIS2JHT used", "AKIAF3DHODZDOCIS2JHT")]
    [InlineData("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx")]
    [InlineData("stripe sk_live_qU8JZpDE0iGXlD6gNCFbaEP7", "sk_live_qU8JZpDE0iGXlD6gNCFbaEP7")]
    [InlineData("maps AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q")]
    [InlineData("gitlab glpat-x1Y2z3A4b5C6d7E8f9G0", "glpat-x1Y2z3A4b5C6d7E8f9G0")]
    [InlineData(
        "jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.XDRgvjEgHmn-2qDu6LmZf1x8KZn9r-WTJTzWVK9N-tc.",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.XDRgvjEgHmn-2qDu6LmZf1x8KZn9r-WTJTzWVK9N-tc")]
    public void SecretsAreFound(string text, string value) => AssertOne(text, PiiLabels.Secret, value);

    [Fact]
    public void APemPrivateKeyIsFoundFromBeginToEnd()
    {
        const string pem = "-----BEGIN RSA PRIVATE KEY-----\nFJors/6ILi8IHn5kxsC7tVO/HbkQfyy/KV5zjR3j1twdTKWTddB+XhkAS1voQG6y\nyzyN9zHYIa4UOrGNATMuDJawTgsu8PO+799nKSNr==\n-----END RSA PRIVATE KEY-----";
        AssertOne($"config:\n{pem}\nthanks", PiiLabels.Secret, pem);
    }

    [Fact]
    public void APublicCertificateIsNotASecret() =>
        Assert.Empty(PiiDetector.Default.Detect("-----BEGIN CERTIFICATE-----\nFJors/6ILi8IHn5kxsC7tVO/HbkQ\n-----END CERTIFICATE-----"));

    internal static void AssertOne(string text, string label, string value)
    {
        var found = PiiDetector.Default.Detect(text);
        var entity = Assert.Single(found);
        Assert.Equal((label, value), (entity.Label, entity.ValueIn(text)));
    }
}
