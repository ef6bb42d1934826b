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
/// <item>The bytes are read three ways, UTF-8, CP949 (the EUC-KR superset) and GB18030, and each reading is scored
/// like a log-likelihood: +1 for each of its language's <see cref="CommonCharacters"/> (frequent Hangul for CP949,
/// frequent Chinese characters for GB18030, both for UTF-8), −1 for any other letter, −2 for a Chinese character in
/// the CP949 reading (modern Korean text rarely has Hanja; Chinese bytes read as CP949 give many), ±2 for a space
/// between two letters (Korean puts spaces between words, Chinese does not: + for CP949, − for GB18030), and −4 for
/// each undecodable byte sequence.</item>
/// <item>Bytes that are valid UTF-8 (pure ASCII included) are UTF-8, except a short text (under
/// <see cref="ShortText"/> non-ASCII characters) that a legacy reading decodes without error and scores higher:
/// a few legacy bytes can be valid UTF-8 by chance ("谢谢" in GB18030 reads "лл" as UTF-8), many cannot.</item>
/// <item>Otherwise the better of CP949 and GB18030 wins, a tie going to CP949. Both decode most double-byte text
/// without error, so validity alone cannot decide, but only the right reading yields mostly frequent characters.</item>
/// <item>If the winner cannot decode more than 1% of its non-ASCII characters, the file is rejected: it is in some
/// other encoding (Latin-1, Shift-JIS…) and would come out as garbage.</item>
/// </list>
/// The whole file is scanned in chunks, so detection needs no copy of it in memory.
/// </summary>
internal static class TextEncodingDetector
{
    public const int ShortText = 8;

    private const int Utf8 = 65001;
    private const int Cp949 = 949;
    private const int Gb18030 = 54936;
    private const int ChunkBytes = 64 * 1024;

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

        // UTF-8 first, alone: most uploads are UTF-8 and need no legacy reading; a legacy file stops it at once.
        var utf8 = new Reading(Utf8, CommonCharacters.HangulAndHan, spaceWeight: 0, ideographWeight: 1);
        Scan(stream, [utf8], stopEarly: true);
        if (utf8.Invalid == 0 && utf8.NonAscii >= ShortText)
        {
            return new(utf8.Encoding, 0);
        }

        var korean = new Reading(Cp949, CommonCharacters.Hangul, spaceWeight: 2, ideographWeight: 2);
        var chinese = new Reading(Gb18030, CommonCharacters.Han, spaceWeight: -2, ideographWeight: 1);
        Scan(stream, [korean, chinese], stopEarly: false);
        var legacy = chinese.Score > korean.Score ? chinese : korean;
        if (utf8.Invalid == 0)
        {
            var shortLegacy = legacy.Invalid == 0 && legacy.Score > utf8.Score;
            return new(shortLegacy ? legacy.Encoding : utf8.Encoding, 0);
        }

        if (legacy.Invalid * 100 > legacy.NonAscii)
        {
            throw new DocumentRejectedException(
                "the text's encoding is not supported: it is not UTF-8, UTF-16 with a byte-order mark, CP949 (EUC-KR) or GB18030; save it as UTF-8");
        }

        return new(legacy.Encoding, 0);
    }

    /// <summary>Feeds the whole stream to each reading, refusing NUL bytes; with stopEarly, only until one fails to decode.</summary>
    private static void Scan(Stream stream, Reading[] readings, bool stopEarly)
    {
        stream.Position = 0;
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes);
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = stream.Read(bytes, 0, ChunkBytes)) > 0)
            {
                var chunk = bytes.AsSpan(0, read);
                if (chunk.Contains((byte)0))
                {
                    throw new DocumentRejectedException(
                        "the file is not text: it contains NUL bytes (binary data, or UTF-16 without a byte-order mark; save it as UTF-8)");
                }

                foreach (var reading in readings)
                {
                    reading.Feed(chunk, chars, flush: false);
                }

                if (stopEarly && readings.Any(r => r.Invalid > 0))
                {
                    return;
                }
            }

            foreach (var reading in readings)
            {
                reading.Feed([], chars, flush: true);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
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

    /// <summary>The file read in one encoding, with the counts that score how plausible that reading is.</summary>
    private sealed class Reading
    {
        private readonly CountingDecoderFallback _fallback = new();
        private readonly Decoder _decoder;
        private readonly SearchValues<char> _common;
        private readonly int _spaceWeight;
        private readonly int _ideographWeight;
        private long _points;
        private bool _afterLetter;
        private bool _spaceAfterLetter;

        public Reading(int codePage, SearchValues<char> common, int spaceWeight, int ideographWeight)
        {
            _common = common;
            _spaceWeight = spaceWeight;
            _ideographWeight = ideographWeight;
            _decoder = Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, _fallback).GetDecoder();
            Encoding = Encoding.GetEncoding(codePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
        }

        /// <summary>The encoding to decode the file with: undecodable bytes, if any, become U+FFFD.</summary>
        public Encoding Encoding { get; }

        public long NonAscii { get; private set; }

        public long Invalid => _fallback.Count;

        public long Score => _points - (4 * Invalid);

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
                if (c == ' ')
                {
                    _spaceAfterLetter |= _afterLetter;
                    _afterLetter = false;
                    continue;
                }

                var letter = c >= 0x80 && char.IsLetter(c);
                if (letter && _spaceAfterLetter)
                {
                    _points += _spaceWeight;
                }

                _afterLetter = letter;
                _spaceAfterLetter = false;
                if (c < 0x80)
                {
                    continue;
                }

                NonAscii++;
                if (_common.Contains(c))
                {
                    _points++;
                }
                else if (letter)
                {
                    _points -= IsIdeograph(c) ? _ideographWeight : 1;
                }
            }
        }

        private static bool IsIdeograph(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');
    }
}
