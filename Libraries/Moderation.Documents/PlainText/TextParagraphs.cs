namespace Moderation.Documents.PlainText;

/// <summary>
/// A TXT file's paragraphs. A paragraph is a line (ended by LF, CRLF or CR), the way pressing Enter ends a paragraph
/// in Word, so paragraph N is line N in any editor; blank lines are counted but not produced.
/// </summary>
internal static class TextParagraphs
{
    public static IEnumerable<DocumentSegment> Read(Stream stream, DocumentLimits limits)
    {
        var encoding = TextEncodingDetector.Detect(stream);
        stream.Position = encoding.PreambleLength;
        var budget = new TextBudget(limits.MaxTextChars);
        using var reader = new StreamReader(
            stream, encoding.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            budget.Charge(line.Length);
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return new(DocumentSegment.Paragraph, number, line);
            }
        }
    }
}
