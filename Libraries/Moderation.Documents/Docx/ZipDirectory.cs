using System.Buffers.Binary;

namespace Moderation.Documents.Docx;

/// <summary>
/// The entry count a ZIP's end-of-central-directory record declares, read from the file's last bytes before
/// <see cref="System.IO.Compression.ZipArchive"/> builds an object per entry (half a second for 100,000 entries).
/// Only a fast path: when the record cannot be found, null, and ZipArchive's own count decides.
/// </summary>
internal static class ZipDirectory
{
    private const int RecordLength = 22;
    private const int LongestComment = ushort.MaxValue;
    private const int Zip64LocatorLength = 20;
    private const int Zip64RecordLength = 56;

    public static long? DeclaredEntries(Stream stream)
    {
        var length = (int)Math.Min(stream.Length, RecordLength + LongestComment);
        var tail = new byte[length];
        stream.Position = stream.Length - length;
        stream.ReadExactly(tail);
        stream.Position = 0;
        var at = tail.AsSpan().LastIndexOf("PK\x05\x06"u8);
        if (at < 0 || at + RecordLength > length)
        {
            return null;
        }

        long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
        return entries == ushort.MaxValue && at >= Zip64LocatorLength ? Zip64Entries(stream, tail.AsSpan(at - Zip64LocatorLength)) ?? entries : entries;
    }

    /// <summary>With more than 65,534 entries the count lives in the ZIP64 record the locator points to.</summary>
    private static long? Zip64Entries(Stream stream, ReadOnlySpan<byte> locator)
    {
        if (!locator.StartsWith("PK\x06\x07"u8))
        {
            return null;
        }

        var offset = BinaryPrimitives.ReadUInt64LittleEndian(locator[8..]);
        if (offset > (ulong)(stream.Length - Zip64RecordLength))
        {
            return null;
        }

        Span<byte> record = stackalloc byte[Zip64RecordLength];
        stream.Position = (long)offset;
        stream.ReadExactly(record);
        stream.Position = 0;
        var entries = BinaryPrimitives.ReadUInt64LittleEndian(record[32..]);
        return record.StartsWith("PK\x06\x06"u8) && entries <= long.MaxValue ? (long)entries : null;
    }
}
