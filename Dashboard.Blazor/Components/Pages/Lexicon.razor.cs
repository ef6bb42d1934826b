using Dashboard.Blazor.AdminApi;
using Dashboard.Blazor.Components.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Blazor.Components.Pages;

/// <summary>Operators' lexicon overrides: words to detect, built-in words to allow, and the audit trail of changes.</summary>
public sealed partial class Lexicon
{
    private static readonly string[] Languages = ["ko", "en", "zh"];
    private static readonly string[] Categories = ["insult", "sexual", "hate", "violence", "discrimination", "drugs"];
    private static readonly string[] AuditedActions = ["lexicon.added", "lexicon.removed", "lexicon.override-deleted"];

    private readonly LexiconEntryForm _entry = new();
    private List<LexiconOverride>? _overrides;
    private IReadOnlyList<AuditEntry> _changes = [];
    private ApiFailure? _failure;
    private ApiFailure? _saveFailure;
    private string _lang = "";
    private string _search = "";
    private bool _saving;

    [Inject]
    private AdminApiClient Api { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var overrides = Api.LexiconAsync(_lang);
        var audits = AuditedActions.Select(action => Api.AuditAsync(action, 1, 20)).ToList();
        await Task.WhenAll([overrides, .. audits]);
        _overrides = overrides.Result.Value ?? _overrides;
        _failure = overrides.Result.Failure ?? audits.Select(a => a.Result.Failure).FirstOrDefault(f => f is not null);
        _changes = [.. audits.SelectMany(a => a.Result.Value?.Items ?? []).OrderByDescending(e => e.Id).Take(20)];
    }

    private async Task LanguageAsync(string lang)
    {
        _lang = lang;
        await LoadAsync();
    }

    private IEnumerable<LexiconOverride> Visible(List<LexiconOverride> overrides) =>
        string.IsNullOrWhiteSpace(_search) ? overrides : overrides.Where(o => o.Word.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    private bool HasError(string field) => _saveFailure?.For(field).Count > 0;

    private string ErrorText(string field) => string.Join(" ", _saveFailure?.For(field) ?? []);

    private MudTextField<string>? _wordField;

    private async Task AddAsync()
    {
        _saving = true;
        try
        {
            var saved = await Api.SetLexiconAsync(_entry.ToRequest());
            _saveFailure = saved.Failure;
            if (saved.Value is { } entry)
            {
                Snackbar.Add(L["Saved {0} ({1}); every replica applies it within a second.", entry.Word, entry.Lang], Severity.Success);
                // Cleared through the field, so the emptied word is not flagged as a missing required value.
                _entry.Word = "";
                if (_wordField is not null)
                {
                    await _wordField.ResetAsync();
                }

                await LoadAsync();
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task DeleteAsync(LexiconOverride entry)
    {
        var confirm = await Dialogs.ShowAsync<ConfirmDialog>(
            L["Delete the override of {0}", entry.Word],
            new DialogParameters<ConfirmDialog>
            {
                { d => d.Message, L["Delete the override of {0} ({1})? The built-in lexicon applies to it again.", entry.Word, entry.Lang].Value },
                { d => d.ConfirmText, L["Delete"].Value },
            },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await confirm.Result is not { Canceled: false })
        {
            return;
        }

        var deleted = await Api.DeleteLexiconAsync(entry.Lang, entry.Word);
        _failure = deleted.Failure;
        await LoadAsync();
    }

    private sealed class LexiconEntryForm
    {
        public string Lang { get; set; } = "ko";

        public string Word { get; set; } = "";

        public string Action { get; set; } = "add";

        public string Category { get; set; } = "insult";

        public int Severity { get; set; } = 2;

        public LexiconRequest ToRequest() =>
            Action == "add" ? new(Lang, Word.Trim(), Action, Category, Severity) : new(Lang, Word.Trim(), Action, null, null);
    }
}
