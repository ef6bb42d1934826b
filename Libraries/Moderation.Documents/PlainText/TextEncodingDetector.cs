using System.Buffers;
using System.Text;

namespace Moderation.Documents.PlainText;

/// <summary>A text file's encoding and the length of its byte-order mark, which decoding skips.</summary>
internal sealed record TextEncoding(Encoding Encoding, int PreambleLength);

/// <summary>
/// Decides how a TXT upload is encoded. The rule, in order:
/// <list type="number">
/// <item>A byte-order mark wins: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE.</item>
/// <item>Without one, a NUL byte rejects the file: text has none, while binary files and UTF-16 without a BOM do.</item>
/// <item>Bytes that are valid UTF-8 (pure ASCII included) are UTF-8.</item>
/// <item>Otherwise the bytes are decoded as both CP949 (the EUC-KR superset) and GB18030, and each reading scores
/// its count of <see cref="CommonCharacters"/> of its language, less four per undecodable sequence. The higher score
/// wins; a tie goes to CP949. Both encodings decode most double-byte text without error, so validity alone cannot
/// decide, but only the right reading yields mostly frequent characters.</item>
/// <item>If the winner cannot decode more than 1% of its non-ASCII characters, the file is rejected: it is in some
/// other encoding (Latin-1, Shift-JIS…) and would come out as garbage.</item>
/// </list>
/// The whole file is scanned in chunks, so detection needs no copy of it in memory.
/// </summary>
internal static class TextEncodingDetector
{
    private const int Cp949 = 949;
    private const int Gb18030 = 54936;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextEncodingDetector() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool HasByteOrderMark(ReadOnlySpan<byte> head) => ByteOrderMark(head) is not null;

    /// <summary>For sniffing a file nobody named: a byte-order mark, or no NUL in the first bytes.</summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> head) => HasByteOrderMark(head) || !head.Contains((byte)0);

    public static TextEncoding Detect(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        head = head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        stream.Position = 0;
        if (ByteOrderMark(head) is { } marked)
        {
            return marked;
        }

        var utf8 = StrictUtf8.GetDecoder();
        var utf8Valid = true;
        var korean = new Reading(Cp949, CommonCharacters.Hangul);
        var chinese = new Reading(Gb18030, CommonCharacters.Han);
        var chars = new char[64 * 1024];
        var bytes = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = stream.Read(bytes, 0, 64 * 1024)) > 0)
            {
                var chunk = bytes.AsSpan(0, read);
                if (chunk.Contains((byte)0))
                {
                    throw new DocumentRejectedException(
                        "the file is not text: it contains NUL bytes (binary data, or UTF-16 without a byte-order mark; save it as UTF-8)");
                }

                utf8Valid = utf8Valid && Decodes(utf8, chunk, chars, flush: false);
                korean.Feed(chunk, chars, flush: false);
                chinese.Feed(chunk, chars, flush: false);
            }

            utf8Valid = utf8Valid && Decodes(utf8, [], chars, flush: true);
            korean.Feed([], chars, flush: true);
            chinese.Feed([], chars, flush: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        if (utf8Valid)
        {
            return new(new UTF8Encoding(false), 0);
        }

        var winner = chinese.Score > korean.Score ? chinese : korean;
        if (winner.Invalid * 100 > winner.NonAscii)
        {
            throw new DocumentRejectedException(
                "the text's encoding is not supported: it is not UTF-8, UTF-16 with a byte-order mark, CP949 (EUC-KR) or GB18030; save it as UTF-8");
        }

        return new(winner.Encoding, 0);
    }

    /// <summary>The encoding for a file's leading bytes if they are a byte-order mark (UTF-32 LE before UTF-16 LE).</summary>
    private static TextEncoding? ByteOrderMark(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => new(new UTF8Encoding(false), 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => new(new UTF32Encoding(bigEndian: false, byteOrderMark: false), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => new(new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, ..] => new(new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2),
        [0xFE, 0xFF, ..] => new(new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2),
        _ => null,
    };

    private static bool Decodes(Decoder decoder, ReadOnlySpan<byte> chunk, Span<char> chars, bool flush)
    {
        try
        {
            do
            {
                decoder.Convert(chunk, chars, flush, out var used, out _, out _);
                chunk = chunk[used..];
            }
            while (!chunk.IsEmpty);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static Encoding Legacy(int codePage) =>
        Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));

    /// <summary>The file read in one legacy encoding, with the counts that score how plausible that reading is.</summary>
    private sealed class Reading(int codePage, SearchValues<char> common)
    {
        private readonly Decoder _decoder = Legacy(codePage).GetDecoder();

        public Encoding Encoding { get; } = Legacy(codePage);

        public long NonAscii { get; private set; }

        public long Invalid { get; private set; }

        public long Common { get; private set; }

        public long Score => Common - (4 * Invalid);

        public void Feed(ReadOnlySpan<byte> chunk, Span<char> chars, bool flush)
        {
            do
            {
                _decoder.Convert(chunk, chars, flush, out var used, out var produced, out _);
                Count(chars[..produced]);
                chunk = chunk[used..];
            }
            while (!chunk.IsEmpty);
        }

        private void Count(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                if (c < 0x80)
                {
                    continue;
                }

                NonAscii++;
                if (c == '\uFFFD')
                {
                    Invalid++;
                }
                else if (common.Contains(c))
                {
                    Common++;
                }
            }
        }
    }
}
