using System.Text;
using System.Text.Json;
using Moderation.Events;
using StackExchange.Redis;

namespace FilterApi.Events;

/// <summary>One stream entry as it goes to Redis or, when Redis does not take it, into the journal as one JSON line.</summary>
internal sealed record EventEntry(string Stream, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    /// <summary>The entry of <paramref name="gatewayEvent"/>, with the trace of the request that produced it.</summary>
    public static EventEntry Of(GatewayEvent gatewayEvent, string? traceParent)
    {
        List<KeyValuePair<string, string>> fields = [new("eventId", gatewayEvent.EventId.ToString("N")), new(EventStreams.PayloadField, gatewayEvent.ToJson())];
        if (traceParent is not null)
        {
            fields.Add(new(EventStreams.TraceParentField, traceParent));
        }

        return new EventEntry(gatewayEvent.Stream, fields);
    }

    public NameValueEntry[] ToRedis() => [.. Fields.Select(f => new NameValueEntry(f.Key, f.Value))];

    /// <summary><c>{"stream":…,"fields":{…}}</c> and a newline.</summary>
    public byte[] ToJournalLine()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("stream", Stream);
            json.WriteStartObject("fields");
            foreach (var (name, value) in Fields)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <returns>False for a line that is not an entry (the torn last line of a process killed while writing).</returns>
    public static bool TryParseJournalLine(string line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EventEntry? entry)
    {
        entry = null;
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(line));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("stream", out var stream) || stream.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var field in fields.EnumerateObject())
            {
                if (field.Value.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                pairs.Add(new(field.Name, field.Value.GetString()!));
            }

            entry = new EventEntry(stream.GetString()!, pairs);
            return pairs.Count > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
