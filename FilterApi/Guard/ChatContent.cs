using System.Text.Json.Nodes;
using FilterApi.Http;

namespace FilterApi.Guard;

/// <summary>A text of the conversation, and where it lives in the request, so masking writes it back in place.</summary>
/// <param name="Role">The message's role: only <c>user</c> texts go to the risk detector.</param>
internal sealed record ChatText(string Role, JsonObject Owner, string Property)
{
    public const string UserRole = "user";

    public string Text => Owner[Property]!.GetValue<string>();

    public void Replace(string text) => Owner[Property] = text;
}

/// <summary>A <c>file</c> part's decoded bytes.</summary>
/// <param name="Where">Its place in the request (<c>messages[1].content[2]</c>), for messages.</param>
internal sealed record ChatFile(string Where, string? Name, string? MediaType, byte[] Content);

/// <summary>
/// What the guard checks in a chat request: the text of every message (string content, <c>text</c> parts) and
/// <c>file</c> parts with base64 <c>file_data</c>; what it cannot check (images, audio, files by id) is named in
/// <see cref="Warnings"/> and passes through unchanged.
/// </summary>
internal sealed record ChatContent(IReadOnlyList<ChatText> Texts, IReadOnlyList<ChatFile> Files, IReadOnlyList<string> Warnings)
{
    public IEnumerable<ChatText> UserTexts => Texts.Where(t => t.Role == ChatText.UserRole);

    /// <returns>The content, or 4000 naming the first malformed field.</returns>
    public static Outcome<ChatContent> Read(JsonObject request)
    {
        if (request["messages"] is not JsonArray { Count: > 0 } messages)
        {
            return Refusal.BadRequest("messages is required: a non-empty array of messages");
        }

        var (texts, files, warnings) = (new List<ChatText>(), new List<ChatFile>(), new List<string>());
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message || !TryString(message["role"], out var role))
            {
                return Refusal.BadRequest($"messages[{i}] must be an object with a string role");
            }

            switch (message["content"])
            {
                case null:
                    break; // an assistant message with tool calls only
                case JsonValue value when TryString(value, out _):
                    texts.Add(new ChatText(role, message, "content"));
                    break;
                case JsonArray parts:
                    if (ReadParts(parts, $"messages[{i}].content", role, texts, files, warnings) is { } refusal)
                    {
                        return refusal;
                    }

                    break;
                default:
                    return Refusal.BadRequest($"messages[{i}].content must be a string or an array of content parts");
            }
        }

        return new ChatContent(texts, files, warnings);
    }

    private static Refusal? ReadParts(JsonArray parts, string where, string role, List<ChatText> texts, List<ChatFile> files, List<string> warnings)
    {
        for (var j = 0; j < parts.Count; j++)
        {
            var at = $"{where}[{j}]";
            if (parts[j] is not JsonObject part || !TryString(part["type"], out var type))
            {
                return Refusal.BadRequest($"{at} must be an object with a string type");
            }

            switch (type)
            {
                case "text":
                    if (!TryString(part["text"], out _))
                    {
                        return Refusal.BadRequest($"{at}.text must be a string");
                    }

                    texts.Add(new ChatText(role, part, "text"));
                    break;
                case "file":
                    if (part["file"] is not JsonObject file)
                    {
                        return Refusal.BadRequest($"{at}.file must be an object");
                    }

                    if (!TryString(file["file_data"], out var data))
                    {
                        warnings.Add($"{at}: a file given by file_id is passed through unchecked");
                        break;
                    }

                    if (!TryDecodeDataUrl(data, out var mediaType, out var content))
                    {
                        return Refusal.BadRequest($"{at}.file.file_data must be a base64 data URL (data:application/pdf;base64,…)");
                    }

                    files.Add(new ChatFile(at, TryString(file["filename"], out var name) ? name : null, mediaType, content));
                    break;
                default:
                    // image_url, input_audio and whatever comes next: forwarded as sent, and said so.
                    warnings.Add($"{at}: a {type} part is passed through unchecked");
                    break;
            }
        }

        return null;
    }

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            value = s;
            return true;
        }

        return false;
    }

    /// <summary>Reads <c>data:MEDIA/TYPE;base64,DATA</c> (parameters between the type and <c>;base64</c> allowed).</summary>
    private static bool TryDecodeDataUrl(string url, out string? mediaType, out byte[] content)
    {
        (mediaType, content) = (null, []);
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0)
        {
            return false;
        }

        var header = url.AsSpan(5, comma - 5);
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var type = header[..^7].ToString();
        mediaType = type.Length > 0 ? type : null;
        var payload = url.AsSpan(comma + 1);
        var buffer = new byte[payload.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64Chars(payload, buffer, out var written))
        {
            return false;
        }

        content = buffer.AsSpan(0, written).ToArray();
        return true;
    }
}
