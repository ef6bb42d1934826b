using Dashboard.Blazor.AdminApi;
using Dashboard.Blazor.Components.Playground;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Blazor.Components.Pages;

/// <summary>A text checked by every tier as the operator types (the field debounces 400 ms); a late answer to older text is dropped.</summary>
public sealed partial class PlaygroundPage : IDisposable
{
    private CancellationTokenSource? _pending;
    private string _text = "";
    private string _llm = "auto";
    private DetectTextAnswer? _answer;
    private IReadOnlyList<TextSpan> _runs = [];
    private ApiFailure? _failure;
    private bool _checking;

    [Inject]
    private AdminApiClient Api { get; set; } = default!;

    private async Task LlmAsync(string llm)
    {
        _llm = llm;
        await DetectAsync(_text);
    }

    private async Task DetectAsync(string? text)
    {
        _text = text ?? "";
        _pending?.Cancel();
        _pending?.Dispose();
        if (string.IsNullOrWhiteSpace(_text))
        {
            (_pending, _answer, _runs, _failure, _checking) = (null, null, [], null, false);
            return;
        }

        var pending = _pending = new CancellationTokenSource();
        var sent = _text;
        _checking = true;
        ApiResult<DetectTextAnswer> result;
        try
        {
            result = await Api.PlaygroundTextAsync(new DetectTextRequest(sent, _llm), pending.Token);
        }
        catch (OperationCanceledException)
        {
            return; // a newer text is being checked
        }

        if (pending.IsCancellationRequested || sent != _text)
        {
            return;
        }

        (_answer, _failure, _checking) = (result.Value, result.Failure, false);
        _runs = result.Value is { } answer ? TextSpans.Split(sent, answer) : [];
    }

    public void Dispose()
    {
        _pending?.Cancel();
        _pending?.Dispose();
    }
}
