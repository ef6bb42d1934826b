using System.Globalization;

namespace Moderation.Documents;

/// <summary>Byte counts and numbers as a user reads them in a rejection's detail.</summary>
internal static class Sizes
{
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => Number(bytes / (1024 * 1024)) + " MB",
        >= 1024 when bytes % 1024 == 0 => Number(bytes / 1024) + " KB",
        _ => Number(bytes) + " bytes",
    };

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
