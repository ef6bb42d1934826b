using FilterApi;
using FilterApi.Admin;
using FilterApi.Analysis;
using FilterApi.Filtering;
using FilterApi.Guard;
using FilterApi.Pii;
using FilterApi.Scanning;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages(); // bodiless errors from routing (404, 405, 415) become problem documents
if (app.Configuration.HasAdministration())
{
    app.UseAuthentication();
    app.UseAuthorization();
}

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapFilterEndpoints();
app.MapAnalyzeEndpoints();
app.MapPiiEndpoints();
app.MapDetectEndpoints();
app.MapGuardEndpoints();
app.MapAdministration();

app.Run();

/// <summary>Entry point, public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
