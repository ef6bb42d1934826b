using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Moderation.Pii;

namespace FilterApi.Guard;

/// <summary>
/// Relays an upstream's server-sent chat chunks to the client through the output check: personal data masked
/// with a hold-back (<see cref="StreamMasker"/>), and, with the risk detector on, text released only once checked
/// (at a sentence end, or every <c>Guard:StreamCheckChars</c>, and at the end). A block stops the relay: a final
/// chunk with <c>finish_reason: "content_filter"</c>, the details chunk, <c>[DONE]</c>. The checks run between
/// chunks, so the time they take is counted as the output check's, not the LLM call's.
/// </summary>
internal sealed class StreamRelay(GuardInspector inspector, GuardPolicy policy, GuardReport report, HttpResponse response)
{
    /// <summary>The latest characters of the answer each intermediate risk check reads (the final one too).</summary>
    private const int RiskWindowChars = 4000;

    private readonly Dictionary<int, StreamedChoice> _choices = [];
    private readonly GuardOptions _options = inspector.Options;
    private JsonObject _template = new() { ["object"] = "chat.completion.chunk" };
    private double _checkSeconds;
    private double? _checkStart;
    private double? _checkEnd;
    private RiskRun? _risk;
    private bool _riskGates = policy.ChecksOutput && policy.DetectsRisk;
    private int _chunks;

    private bool Identifies => policy.ChecksOutput && policy.Identifies;

    public async Task RunAsync(HttpResponseMessage upstream, CancellationTokenSource readTimeout, double llmStart, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var blocked = false;
        using (var reader = new StreamReader(await upstream.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8))
        {
            var data = new StringBuilder();
            while (!blocked)
            {
                readTimeout.CancelAfter(_options.UpstreamTimeout);
                var line = await reader.ReadLineAsync(readTimeout.Token);
                if (line is null || (line.Length == 0 && data.Length > 0))
                {
                    var done = data.ToString() == "[DONE]";
                    if (data.Length > 0 && !done)
                    {
                        blocked = !await RelayAsync(data.ToString(), cancellationToken);
                    }

                    data.Clear();
                    if (line is null || done)
                    {
                        break;
                    }
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(data.Length > 0 ? "\n" : "").Append(line.AsSpan(5).TrimStart());
                }
            }
        }

        if (!blocked)
        {
            // A stream that ended without finish_reason still sends what it held, checked.
            foreach (var choice in _choices.Values.Where(c => !c.Finished))
            {
                var (text, stop) = await ReleaseAsync(choice, final: true, cancellationToken);
                if (stop)
                {
                    blocked = true;
                    break;
                }

                if (text.Length > 0)
                {
                    await WriteAsync(Chunk(choice.Index, new JsonObject { ["content"] = text }, null), cancellationToken);
                }
            }
        }

        if (blocked)
        {
            foreach (var choice in _choices.Values.Where(c => !c.Finished))
            {
                choice.Finished = true;
                choice.Blocked = true;
                report.OutputBlocked = true;
                var delta = choice.Masker.ReleasedUpTo == 0 ? new JsonObject { ["content"] = _options.RefusalMessage } : [];
                await WriteAsync(Chunk(choice.Index, delta, GuardErrors.ContentFilter), cancellationToken);
            }
        }

        var end = report.Clock.Now();
        report.Llm = (llmStart, end, end - llmStart - _checkSeconds);
        if (policy.ChecksOutput)
        {
            // Only what was sent: held-back and blocked text is in no part of the answer, the details included.
            var identified = Identifies
                ? GuardInspector.IdentifierData([.. _choices.Values.OrderBy(c => c.Index).Select(c => (c.Masker.Raw[..c.Masker.ReleasedUpTo], (IReadOnlyList<PiiEntity>)c.Masker.Masked))], echoValues: false)
                : null;
            var start = _checkStart ?? end;
            report.Output = new CheckRecord(_risk?.Status ?? "success", GuardInspector.Data(identified, _risk), start, _checkEnd ?? start, _checkSeconds, _risk?.Error);
        }

        report.LlmResponse = LlmResponse();
        if (policy.Details)
        {
            var details = Chunk(null, null, null);
            details["choices"] = new JsonArray();
            details[GuardReport.PropertyName] = report.ToJson();
            await WriteAsync(details, cancellationToken);
        }

        await response.WriteAsync("data: [DONE]\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <returns>False when the output check stopped the stream.</returns>
    private async Task<bool> RelayAsync(string data, CancellationToken cancellationToken)
    {
        JsonObject chunk;
        try
        {
            chunk = JsonNode.Parse(data) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return true; // not a chunk: dropped rather than forwarded unchecked
        }

        _chunks++;
        if (chunk["choices"] is not JsonArray choices)
        {
            await WriteAsync(chunk, cancellationToken); // an error event, or something newer than this relay
            return true;
        }

        _template = chunk;
        foreach (var node in choices.OfType<JsonObject>().ToList())
        {
            var index = node["index"] is JsonValue i && i.TryGetValue<int>(out var n) ? n : 0;
            if (!_choices.TryGetValue(index, out var choice))
            {
                _choices[index] = choice = new StreamedChoice(index, new StreamMasker(Identifies, policy.ExcludedLabels, _options.StreamHoldBackChars));
            }

            var delta = node["delta"] as JsonObject;
            if (delta?["content"] is JsonValue c && c.TryGetValue<string>(out var content))
            {
                choice.Masker.Append(content);
            }

            var finish = node["finish_reason"] is JsonValue f && f.TryGetValue<string>(out var reason) ? reason : null;
            var (text, stop) = await ReleaseAsync(choice, final: finish is not null, cancellationToken);
            if (stop)
            {
                return false;
            }

            if (finish is not null)
            {
                choice.Finished = true;
                choice.FinishReason = finish;
            }

            if (delta is not null && (text.Length > 0 || delta.ContainsKey("content")))
            {
                delta["content"] = text;
            }

            // A chunk that only carried held-back content says nothing yet: left out.
            var empty = finish is null && (delta is null || delta.All(p => p.Key == "content" && ((string?)p.Value ?? "").Length == 0));
            if (empty && node["logprobs"] is null)
            {
                choices.Remove(node);
            }
        }

        if (choices.Count > 0 || chunk["usage"] is not null)
        {
            await WriteAsync(chunk, cancellationToken);
        }

        return true;
    }

    private async Task<(string Text, bool Stop)> ReleaseAsync(StreamedChoice choice, bool final, CancellationToken cancellationToken)
    {
        if (!policy.ChecksOutput)
        {
            return (choice.Masker.Release(int.MaxValue, final), false);
        }

        var started = Stopwatch.GetTimestamp();
        _checkStart ??= report.Clock.Now();
        try
        {
            if (_riskGates && Boundary(choice, final) is { } boundary)
            {
                var run = await inspector.AssessAsync([choice.Masker.MaskedWindow(boundary, RiskWindowChars)], cancellationToken);
                _risk = _risk is { Unsafe: true } ? _risk : run;
                if (run.Unsafe || (run.Status != "success" && policy.FailureMode == GuardFailureMode.Closed))
                {
                    return ("", true);
                }

                // Fail-open: a detector that failed is not asked again for this answer, and no longer holds text back.
                _riskGates = run.Status == "success";
                choice.Checked = boundary;
            }

            return (choice.Masker.Release(_riskGates ? choice.Checked : int.MaxValue, final), false);
        }
        finally
        {
            _checkSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            _checkEnd = report.Clock.Now();
        }
    }

    /// <summary>Where the next risk check ends: the last sentence end far enough on, or everything once enough is unchecked; null for no check yet.</summary>
    private int? Boundary(StreamedChoice choice, bool final)
    {
        var length = choice.Masker.Length;
        if (final)
        {
            return length > choice.Checked || choice.Checked == 0 ? length : null;
        }

        if (length - choice.Checked >= _options.StreamCheckChars)
        {
            return length;
        }

        var raw = choice.Masker.Raw;
        var min = choice.Checked + Math.Max(1, _options.StreamCheckChars / 8);
        for (var i = length - 1; i >= min - 1 && i >= 0; i--)
        {
            if (raw[i] is '.' or '!' or '?' or '\n' or '。' or '！' or '？')
            {
                return i + 1;
            }
        }

        return null;
    }

    private JsonObject Chunk(int? index, JsonObject? delta, string? finishReason)
    {
        var chunk = new JsonObject
        {
            ["id"] = _template["id"]?.DeepClone(),
            ["object"] = "chat.completion.chunk",
            ["created"] = _template["created"]?.DeepClone() ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = _template["model"]?.DeepClone(),
        };
        if (index is { } i)
        {
            chunk["choices"] = new JsonArray(new JsonObject { ["index"] = i, ["delta"] = delta ?? [], ["finish_reason"] = finishReason });
        }

        return chunk;
    }

    /// <summary>What came back, as the client got it: masked, and a blocked choice's content withheld.</summary>
    private JsonObject LlmResponse() => new()
    {
        ["id"] = _template["id"]?.DeepClone(),
        ["model"] = _template["model"]?.DeepClone(),
        ["chunks"] = _chunks,
        ["choices"] = new JsonArray([.. _choices.Values.OrderBy(c => c.Index).Select(c => (JsonNode)new JsonObject
        {
            ["index"] = c.Index,
            ["content"] = c.Blocked ? null : c.Masker.ReleasedText,
            ["finish_reason"] = c.Blocked ? GuardErrors.ContentFilter : c.FinishReason,
        })]),
    };

    private async Task WriteAsync(JsonObject chunk, CancellationToken cancellationToken)
    {
        await response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private sealed class StreamedChoice(int index, StreamMasker masker)
    {
        public int Index => index;

        public StreamMasker Masker => masker;

        /// <summary>Raw content up to here passed the risk detector.</summary>
        public int Checked { get; set; }

        public bool Finished { get; set; }

        public bool Blocked { get; set; }

        public string? FinishReason { get; set; }
    }
}
