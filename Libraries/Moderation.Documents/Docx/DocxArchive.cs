using System.IO.Compression;

namespace Moderation.Documents.Docx;

/// <summary>
/// Checks a DOCX's ZIP container before the Open XML SDK touches it: the number of entries, the sizes the headers
/// declare (in total and as a compression ratio per entry), and then the bytes each entry really inflates to, read
/// through a counter that stops one byte past the declared size. A header that lies is caught by the last check; a
/// zip bomb that declares its size is refused by the first ones without inflating anything.
/// </summary>
internal static class DocxArchive
{
    private const int LongestNameShown = 80;

    public static void Check(Stream stream, DocumentLimits limits, ExpansionBudget budget)
    {
        if (ZipDirectory.DeclaredEntries(stream) is { } declaredEntries && declaredEntries > limits.MaxArchiveEntries)
        {
            throw TooManyEntries(limits, declaredEntries);
        }

        using var archive = Open(stream);
        var entries = archive.Entries;
        if (entries.Count > limits.MaxArchiveEntries)
        {
            throw TooManyEntries(limits, entries.Count);
        }

        if (archive.GetEntry("[Content_Types].xml") is null)
        {
            throw new DocumentRejectedException("the file is not a DOCX: it is a ZIP archive without Office content ([Content_Types].xml)");
        }

        long declared = 0;
        foreach (var entry in entries)
        {
            declared += entry.Length;
            if (declared > limits.MaxExpandedBytes)
            {
                throw new DocumentRejectedException($"the DOCX expands to more than {Sizes.Bytes(limits.MaxExpandedBytes)}");
            }

            if (entry.Length > limits.CompressionRatioExemptBytes && entry.Length > entry.CompressedLength * limits.MaxCompressionRatio)
            {
                throw new DocumentRejectedException(
                    $"the DOCX's entry {Name(entry)} expands more than {limits.MaxCompressionRatio}-fold (a zip bomb?)");
            }
        }

        var scratch = new byte[64 * 1024];
        foreach (var entry in entries)
        {
            Inflate(entry, budget, scratch);
        }
    }

    private static DocumentRejectedException TooManyEntries(DocumentLimits limits, long entries) =>
        new($"the DOCX has more than {Sizes.Number(limits.MaxArchiveEntries)} entries ({Sizes.Number(entries)})");

    private static ZipArchive Open(Stream stream)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new DocumentRejectedException($"the file is a corrupt DOCX: {e.Message}", e);
        }
    }

    private static void Inflate(ZipArchiveEntry entry, ExpansionBudget budget, byte[] scratch)
    {
        try
        {
            using var content = entry.Open();
            long total = 0;
            int read;
            while ((read = content.Read(scratch, 0, (int)Math.Min(scratch.Length, entry.Length - total + 1))) > 0)
            {
                total += read;
                budget.Charge(read);
                if (total > entry.Length)
                {
                    throw new DocumentRejectedException(
                        $"the file is a corrupt DOCX: its entry {Name(entry)} holds more than its header declares (a zip bomb?)");
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new DocumentRejectedException($"the file is a corrupt DOCX: its entry {Name(entry)} cannot be read ({e.Message})", e);
        }
    }

    private static string Name(ZipArchiveEntry entry) =>
        entry.FullName.Length <= LongestNameShown ? $"'{entry.FullName}'" : $"'{entry.FullName[..LongestNameShown]}…'";
}
