using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quality;

/// <summary>
/// One labelled line of the datasets or of the suite; <see cref="Kind"/> is the suite's case kind, <see cref="Id"/> and
/// <see cref="Source"/> the datasets' (absent in the suite).
/// </summary>
internal sealed record LabelledText(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("lang")] string Lang,
    [property: JsonPropertyName("label")] int Label,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("source")] string? Source = null);

internal static class JsonlReader
{
    /// <summary>Reads every non-blank line; a malformed line fails with its file and line number.</summary>
    public static List<LabelledText> Read(string path)
    {
        var items = new List<LabelledText>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            LabelledText? item;
            try
            {
                item = JsonSerializer.Deserialize<LabelledText>(line);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {e.Message}", e);
            }

            if (item is null || item.Text is null || item.Lang is null || item.Label is not (0 or 1))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected {{\"text\", \"lang\", \"label\": 0|1}}");
            }

            items.Add(item);
        }

        return items;
    }
}
