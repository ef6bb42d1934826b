using Moderation.Events;
using MySqlConnector;

namespace LogConsumer.Consuming;

/// <summary>
/// What is an entry's own fault, and so goes to the dead letters: a payload that is not a complete gateway event, or a
/// value MySQL refuses as data (too long, out of range, not a valid value). Anything else, a read-only, full,
/// locked or unreachable database, refused access, a lost connection, is the database's state: the batch waits and
/// is retried, never acknowledged, so an outage never turns good entries into dead letters.
/// </summary>
internal static class EntryFaults
{
    private static readonly HashSet<MySqlErrorCode> DataErrors =
    [
        MySqlErrorCode.DataTooLong, // 1406
        MySqlErrorCode.WarningDataOutOfRange, // 1264
        MySqlErrorCode.DataOutOfRange, // 1690
        MySqlErrorCode.WarningDataTruncated, // 1265
        MySqlErrorCode.TruncatedWrongValue, // 1292
        MySqlErrorCode.TruncatedWrongValueForField, // 1366
        MySqlErrorCode.WarningInvalidTimestamp, // 1299
        MySqlErrorCode.InvalidCharacterString, // 1300
        MySqlErrorCode.CannotConvertString, // 3854
        MySqlErrorCode.WrongValueForType, // 1411
        MySqlErrorCode.WrongValue, // 1525
        MySqlErrorCode.ColumnCannotBeNull, // 1048
    ];

    /// <summary>MySQL refused a value an entry holds (an error of <see cref="DataErrors"/>).</summary>
    public static bool IsDataError(Exception error) => error is MySqlException { ErrorCode: var code } && DataErrors.Contains(code);

    /// <summary>Every field the statistics read is present: JSON that omits one deserializes with nulls.</summary>
    public static bool IsWellFormed(GatewayEvent gatewayEvent) => gatewayEvent switch
    {
        RequestServed r => r.KeyId is not null && r.Endpoint is not null && r.Mode is not null && r.Lang is not null,
        WordDetected w => w.Word is not null && w.Lang is not null && w.Category is not null,
        WordsDetected w => w.Words is { Count: > 0 }
            && w.Words.All(c => c is { Word: not null, Lang: not null, Category: not null, Count: > 0 }),
        AbuseDetected a => a.KeyId is not null,
        KeyRevoked k => k.KeyId is not null,
        _ => false,
    };
}
