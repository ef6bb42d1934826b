using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

// The PDF standard security handler's revision 2 is MD5 and RC4 by definition: this file writes one, it protects nothing.
#pragma warning disable CA5351

namespace Documents.Tests;

/// <summary>
/// Minimal PDFs written byte by byte for the cases PdfPig's writer cannot make: encrypted files (RC4, the standard
/// security handler, revision 2) and content streams that are deflate bombs.
/// </summary>
public static class HandMadePdf
{
    private static readonly byte[] Padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    private static readonly byte[] FileId = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    /// <summary>A one-page PDF whose page says <paramref name="text"/> in Helvetica, unencrypted.</summary>
    public static byte[] Plain(string text) => Write(Objects(Content(text)), trailerExtra: "");

    /// <summary>
    /// The same page encrypted with RC4-40: with an empty <paramref name="userPassword"/> it opens without one
    /// (owner restrictions only); with a non-empty one it needs it.
    /// </summary>
    public static byte[] Encrypted(string text, string userPassword)
    {
        const int permissions = -44; // printing and copying forbidden
        var owner = Rc4(MD5.HashData(Pad("owner"))[..5], Pad(userPassword));
        var key = MD5.HashData([.. Pad(userPassword), .. owner, .. BitConverter.GetBytes(permissions), .. FileId])[..5];
        var user = Rc4(key, Padding);

        var content = Rc4(ObjectKey(key, 4), Content(text));
        var objects = Objects(content);
        objects.Add(Encoding.Latin1.GetBytes(
            $"<< /Filter /Standard /V 1 /R 2 /O <{Convert.ToHexString(owner)}> /U <{Convert.ToHexString(user)}> /P {permissions} >>"));
        return Write(objects, trailerExtra: $" /Encrypt 6 0 R /ID [<{Convert.ToHexString(FileId)}> <{Convert.ToHexString(FileId)}>]");
    }

    /// <summary>A one-page PDF whose content stream is <paramref name="expandedBytes"/> spaces, deflated.</summary>
    public static byte[] DeflateBomb(long expandedBytes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (long left = expandedBytes; left > 0; left -= spaces.Length)
            {
                zlib.Write(spaces, 0, (int)Math.Min(spaces.Length, left));
            }
        }

        return Write(Objects(compressed.ToArray(), "/Filter /FlateDecode"), trailerExtra: "");
    }

    private static byte[] Content(string text) => Encoding.Latin1.GetBytes($"BT /F1 24 Tf 72 712 Td ({text}) Tj ET");

    private static List<byte[]> Objects(byte[] content, string streamEntries = "") =>
    [
        "<< /Type /Catalog /Pages 2 0 R >>"u8.ToArray(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"u8.ToArray(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"u8.ToArray(),
        [.. Encoding.Latin1.GetBytes($"<< /Length {content.Length} {streamEntries} >>\nstream\n"), .. content, .. "\nendstream"u8],
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"u8.ToArray(),
    ];

    private static byte[] Write(List<byte[]> objects, string trailerExtra)
    {
        using var pdf = new MemoryStream();
        pdf.Write("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"u8);
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Encoding.Latin1.GetBytes($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write("\nendobj\n"u8);
        }

        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R{trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Encoding.Latin1.GetBytes(table.ToString()));
        return pdf.ToArray();
    }

    private static byte[] Pad(string password) => [.. Encoding.Latin1.GetBytes(password).Take(32), .. Padding.Take(32 - Math.Min(32, password.Length))];

    /// <summary>Algorithm 1 of the PDF spec: the key for one object's strings and streams.</summary>
    private static byte[] ObjectKey(byte[] key, int objectNumber) =>
        MD5.HashData([.. key, (byte)objectNumber, (byte)(objectNumber >> 8), (byte)(objectNumber >> 16), 0, 0])[..(key.Length + 5)];

    private static byte[] Rc4(byte[] key, byte[] data)
    {
        var s = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
        }

        var output = new byte[data.Length];
        for (int n = 0, i = 0, j = 0; n < data.Length; n++)
        {
            i = (i + 1) & 0xFF;
            j = (j + s[i]) & 0xFF;
            (s[i], s[j]) = (s[j], s[i]);
            output[n] = (byte)(data[n] ^ s[(s[i] + s[j]) & 0xFF]);
        }

        return output;
    }
}
