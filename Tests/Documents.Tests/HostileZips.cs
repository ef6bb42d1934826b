using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Documents.Tests;

/// <summary>ZIP archives made to hurt a reader: bombs, lying headers, swarms of entries.</summary>
public static class HostileZips
{
    private static readonly Lazy<byte[]> GigabyteBomb = new(() => Bomb(1L << 30));

    /// <summary>A DOCX-shaped archive whose word/document.xml is 1 GB of zeros (about 1 MB compressed).</summary>
    public static byte[] DeclaredGigabyteBomb => GigabyteBomb.Value;

    public static byte[] Bomb(long zeros) => Archive(withContentTypes: true, ("word/document.xml", zeros));

    /// <summary>
    /// A real DOCX with one more entry, word/media/image1.bin, that inflates to <paramref name="zeros"/> bytes while
    /// both its local and central headers claim 1,000, so checks of declared sizes and ratios pass.
    /// </summary>
    public static byte[] LyingBomb(long zeros)
    {
        using var stream = new MemoryStream();
        stream.Write(DocxFixtures.Numbered(1));
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            Fill(archive.CreateEntry("word/media/image1.bin", CompressionLevel.SmallestSize), zeros);
        }

        var zip = stream.ToArray();
        var name = Encoding.ASCII.GetBytes("word/media/image1.bin");
        var span = zip.AsSpan();
        for (var at = span.IndexOf("PK\x01\x02"u8); at >= 0; at = Next(span, at, "PK\x01\x02"u8))
        {
            if (span.Slice(at + 46, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 24)..], 1000);
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(at + 42)..]);
                BinaryPrimitives.WriteUInt32LittleEndian(span[(local + 22)..], 1000);
            }
        }

        return zip;
    }

    /// <summary>A ZIP of <paramref name="count"/> empty entries, stored uncompressed.</summary>
    public static byte[] ManyEntries(int count)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("[Content_Types].xml", CompressionLevel.NoCompression);
            for (var i = 1; i < count; i++)
            {
                archive.CreateEntry(i.ToString("x5", System.Globalization.CultureInfo.InvariantCulture), CompressionLevel.NoCompression);
            }
        }

        return stream.ToArray();
    }

    /// <summary>A ZIP with no Office content at all.</summary>
    public static byte[] PlainZip() => Archive(withContentTypes: false, ("notes.txt", 0));

    private static byte[] Archive(bool withContentTypes, params (string Name, long Zeros)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, zeros) in entries)
            {
                Fill(archive.CreateEntry(name, CompressionLevel.SmallestSize), zeros);
            }

            if (withContentTypes)
            {
                using var types = new StreamWriter(archive.CreateEntry("[Content_Types].xml").Open());
                types.Write("""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""");
            }
        }

        return stream.ToArray();
    }

    private static void Fill(ZipArchiveEntry entry, long zeros)
    {
        using var content = entry.Open();
        var chunk = new byte[1024 * 1024];
        for (var left = zeros; left > 0; left -= chunk.Length)
        {
            content.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
    }

    private static int Next(ReadOnlySpan<byte> span, int after, ReadOnlySpan<byte> signature)
    {
        var found = span[(after + 1)..].IndexOf(signature);
        return found < 0 ? -1 : after + 1 + found;
    }
}
