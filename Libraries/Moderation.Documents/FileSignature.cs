namespace Moderation.Documents;

/// <summary>What a file's first bytes say it is, whatever its name claims.</summary>
internal static class FileSignature
{
    /// <summary>How many leading bytes are looked at; PDF readers accept junk before <c>%PDF-</c> within this.</summary>
    public const int HeadLength = 1024;

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;

    public static bool IsPdf(ReadOnlySpan<byte> head) =>
        head[..Math.Min(head.Length, HeadLength)].IndexOf(PdfMagic) >= 0;

    public static bool StartsLikePdf(ReadOnlySpan<byte> head) => head.StartsWith(PdfMagic);

    public static bool IsZip(ReadOnlySpan<byte> head) => head.StartsWith("PK\x03\x04"u8);

    /// <summary>A description such as "a ZIP archive", or null when the bytes match no known binary format.</summary>
    public static string? Describe(ReadOnlySpan<byte> head) => head switch
    {
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => "a PDF document",
        [(byte)'P', (byte)'K', 3, 4, ..] or [(byte)'P', (byte)'K', 5, 6, ..] => "a ZIP archive",
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => "a legacy Office (.doc) or password-protected Office file",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "a PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "a GIF image",
        [0x1F, 0x8B, ..] => "a gzip archive",
        [(byte)'R', (byte)'a', (byte)'r', (byte)'!', ..] => "a RAR archive",
        [(byte)'7', (byte)'z', 0xBC, 0xAF, ..] => "a 7-Zip archive",
        [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] => "a program",
        _ => null,
    };
}
