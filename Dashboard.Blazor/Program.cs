using Dashboard.Blazor;
using Dashboard.Blazor.Account;
using Dashboard.Blazor.Components;
using Dashboard.Blazor.Export;
using Dashboard.Blazor.Preferences;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDashboardServices();

var app = builder.Build();

app.UseExceptionHandler("/error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapAccountEndpoints();
app.MapPreferenceEndpoints();
app.MapExportEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .RequireAuthorization(); // every page but the login and error pages ([AllowAnonymous]) needs a signed-in operator

app.Run();
