using System.Globalization;
using Dashboard.Blazor.AdminApi;
using Dashboard.Blazor.Components.Common;
using Dashboard.Blazor.Components.Keys;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Dashboard.Blazor.Components.Pages;

/// <summary>Keys: search, page, issue (the secret shown once), change, revoke, and each key's usage.</summary>
public sealed partial class Keys
{
    private const int PageSize = 20;
    private PagedList<KeyView>? _keys;
    private ApiFailure? _failure;
    private string _search = "";
    private string _status = "";
    private int _page = 1;

    [Inject]
    private AdminApiClient Api { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var result = await Api.KeysAsync(_search, _status, _page, PageSize);
        (_keys, _failure) = (result.Value ?? _keys, result.Failure);
    }

    private async Task SearchAsync(string? search)
    {
        (_search, _page) = (search ?? "", 1);
        await LoadAsync();
    }

    private async Task StatusAsync(string? status)
    {
        (_status, _page) = (status ?? "", 1);
        await LoadAsync();
    }

    private async Task PageAsync(int page)
    {
        _page = page;
        await LoadAsync();
    }

    private async Task IssueAsync()
    {
        var editor = await Dialogs.ShowAsync<KeyEditorDialog>(L["Issue key"], DialogDefaults);
        if (await editor.Result is { Canceled: false, Data: IssuedKey issued })
        {
            // Shown once, from a local that goes out of scope here: the page keeps only the key's details.
            var reveal = await Dialogs.ShowAsync<IssuedKeyDialog>(
                L["Key issued"],
                new DialogParameters<IssuedKeyDialog> { { d => d.Issued, issued } },
                DialogDefaults with { BackdropClick = false, CloseOnEscapeKey = false });
            await reveal.Result;
            await LoadAsync();
        }
    }

    private async Task EditAsync(KeyView key)
    {
        var editor = await Dialogs.ShowAsync<KeyEditorDialog>(
            L["Edit {0}", key.Name], new DialogParameters<KeyEditorDialog> { { d => d.Key, key } }, DialogDefaults);
        if (await editor.Result is { Canceled: false })
        {
            Snackbar.Add(L["Saved: every replica applies it at once."], Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RevokeAsync(KeyView key)
    {
        var confirm = await Dialogs.ShowAsync<ConfirmDialog>(
            L["Revoke {0}", key.Name],
            new DialogParameters<ConfirmDialog>
            {
                { d => d.Message, L["Revoke the key {0} ({1}) for good? Every request with it is refused from now on.", key.Name, key.Prefix].Value },
                { d => d.ConfirmText, L["Revoke"].Value },
            },
            DialogDefaults);
        if (await confirm.Result is not { Canceled: false })
        {
            return;
        }

        var revoked = await Api.RevokeKeyAsync(key.Id);
        _failure = revoked.Failure;
        if (revoked.Value is not null)
        {
            Snackbar.Add(L["Revoked {0}.", key.Name], Severity.Success);
            await LoadAsync();
        }
    }

    private Task<IDialogReference> UsageAsync(KeyView key) =>
        Dialogs.ShowAsync<KeyUsageDialog>(
            L["Usage of {0}", key.Name], new DialogParameters<KeyUsageDialog> { { d => d.Key, key } },
            DialogDefaults with { MaxWidth = MaxWidth.Large });

    private static DialogOptions DialogDefaults => new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true };

    private static int PageCount(PagedList<KeyView> keys) => Math.Max(1, (keys.Total + keys.PageSize - 1) / keys.PageSize);

    private static Color StatusColor(string status) => status switch
    {
        "ACTIVE" => Color.Success,
        "REVOKED" => Color.Error,
        _ => Color.Default,
    };

    private static string Date(DateTime? at) => at?.ToLocalTime().ToString("g", CultureInfo.CurrentCulture) ?? "–";
}
