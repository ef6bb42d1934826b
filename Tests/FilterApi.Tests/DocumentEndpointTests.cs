using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Documents.Tests;

namespace FilterApi.Tests;

/// <summary>
/// POST /api/v1/detect/document over real HTTP with real files: planted words and personal data are found on the
/// right page or paragraph; a file over 10 MB is 413 before parsing, a kind not read 415, a hostile file 400 with why.
/// </summary>
public class DocumentEndpointTests(SharedFilterApi api) : IClassFixture<SharedFilterApi>
{
    private readonly HttpClient _client = api.Factory.CreateAuthorizedClient();

    [Theory]
    [InlineData("korean.pdf", 2, "시발", "010-2345-6789")]
    [InlineData("chinese.pdf", 2, "他妈的", "13812345678")]
    public async Task APdfsPlantedWordAndPhoneNumberAreFoundOnTheirPage(string fixture, int page, string word, string phone)
    {
        var answer = await ScanAsync(PdfFixtures.Load(fixture), fixture, "application/pdf");

        Assert.Equal("pdf", answer.GetProperty("document").GetProperty("type").GetString());
        Assert.Equal("page", answer.GetProperty("document").GetProperty("unit").GetString());
        Assert.True(answer.GetProperty("abusive").GetBoolean());
        Assert.True(answer.GetProperty("personalData").GetBoolean());
        var findings = Findings(answer);
        var hit = Assert.Single(findings, f => f.Tier == "lexicon" && f.Text.Contains(word, StringComparison.Ordinal));
        Assert.Equal(page, hit.Number);
        var number = Assert.Single(findings, f => f.Label == "PHONE_NUMBER");
        Assert.Equal((page, phone), (number.Number, number.Text));
    }

    [Fact]
    public async Task ADocxsFindingsCarryTheirParagraphAndOffsetsInsideIt()
    {
        var answer = await ScanAsync(DocxFixtures.ThreeLanguagesWithTable(), "minutes.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        var findings = Findings(answer);
        var korean = Assert.Single(findings, f => f.Tier == "lexicon" && f.Number == 1);
        Assert.Equal("시발", korean.Text);
        Assert.Equal("오늘 회의는 시발 취소되었습니다."[korean.Start..korean.End], korean.Text);
        Assert.Contains(findings, f => f.Tier == "lexicon" && f.Number == 3);
        Assert.Contains(findings, f => f.Label == "PHONE_NUMBER" && f.Number == 5 && f.Text == "010-2345-6789");
        Assert.Contains(findings, f => f.Label == "EMAIL" && f.Number == 6 && f.Text == "kim@example.com");
    }

    [Fact]
    public async Task ACp949TextFileIsDecodedAndItsFindingsNumberedByLine()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        string[] lines = ["회의록입니다.", "", "참석자가 시1발 이라고 말했습니다.", "담당자 연락처는 010-9876-5432 입니다."];
        var bytes = Encoding.GetEncoding(949).GetBytes(string.Join("\r\n", lines));

        var answer = await ScanAsync(bytes, "minutes.txt", "text/plain");

        var findings = Findings(answer);
        var word = Assert.Single(findings, f => f.Tier == "lexicon");
        Assert.Equal((3, "시1발"), (word.Number, word.Text));
        Assert.Equal(lines[2].IndexOf("시1발", StringComparison.Ordinal), word.Start);
        var phone = Assert.Single(findings, f => f.Label == "PHONE_NUMBER");
        Assert.Equal((4, "010-9876-5432"), (phone.Number, phone.Text));
    }

    [Fact]
    public async Task AFileOneByteOverTenMegabytesIs413()
    {
        var bytes = new byte[(10 * 1024 * 1024) + 1];
        bytes.AsSpan().Fill((byte)'a');

        var (status, problem) = await PostAsync(bytes, "big.txt", "text/plain");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(4130, problem.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task AFileOfExactlyTenMegabytesIsRead()
    {
        var bytes = new byte[10 * 1024 * 1024];
        bytes.AsSpan().Fill((byte)'a');
        for (var i = 100; i < bytes.Length; i += 101)
        {
            bytes[i] = (byte)'\n';
        }

        var answer = await ScanAsync(bytes, "big.txt", "text/plain");

        Assert.False(answer.GetProperty("abusive").GetBoolean());
        Assert.True(answer.GetProperty("document").GetProperty("units").GetInt32() > 100_000);
    }

    [Fact]
    public async Task AZipBombNamedDocxIs400AndSaysItExpandsTooFar()
    {
        var (status, problem) = await PostAsync(HostileZips.DeclaredGigabyteBomb, "bomb.docx", "application/octet-stream");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(4000, problem.GetProperty("code").GetInt32());
        Assert.Contains("DOCX", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AFileThatIsNotWhatItsNameSaysIs400()
    {
        var (status, problem) = await PostAsync(HostileZips.PlainZip(), "report.pdf", "application/pdf");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not a PDF", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnImageIs415()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

        var (status, problem) = await PostAsync(png, "photo.png", "image/png");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal(4150, problem.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task ABodyWithoutAFilePartIs400AndAJsonBodyIs415()
    {
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "text" } };
        using var noFile = await _client.PostAsync("/api/v1/detect/document", form);
        using var json = await _client.PostAsJsonAsync("/api/v1/detect/document", new { text = "hello" });

        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Contains("no part named file", await noFile.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    [Fact]
    public async Task WithoutAKeyTheAnswerIs401BeforeTheFileIsRead()
    {
        using var anonymous = api.Factory.CreateClient();
        using var form = File(new byte[1024], "a.txt", "text/plain");
        using var response = await anonymous.PostAsync("/api/v1/detect/document", form);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private sealed record Finding(string Tier, int Number, int Start, int End, string Text, string? Label);

    private static List<Finding> Findings(JsonElement answer) =>
        [.. answer.GetProperty("findings").EnumerateArray().Select(f => new Finding(
            f.GetProperty("tier").GetString()!, f.GetProperty("number").GetInt32(), f.GetProperty("start").GetInt32(),
            f.GetProperty("end").GetInt32(), f.GetProperty("text").GetString()!,
            f.TryGetProperty("label", out var label) && label.ValueKind == JsonValueKind.String ? label.GetString() : null))];

    private async Task<JsonElement> ScanAsync(byte[] file, string name, string contentType)
    {
        var (status, answer) = await PostAsync(file, name, contentType);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {answer}");
        return answer;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(byte[] file, string name, string contentType)
    {
        using var form = File(file, name, contentType);
        using var response = await _client.PostAsync("/api/v1/detect/document", form);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static MultipartFormDataContent File(byte[] bytes, string name, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { content, "file", name } };
    }
}
