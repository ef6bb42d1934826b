namespace FilterApi.Scanning;

internal static class ScanningExtensions
{
    /// <summary>Every tier on one text (<c>/detect/text</c>) and documents (<c>/detect/document</c>); needs the analysis and LLM tiers.</summary>
    public static void AddScanning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TextDetection>();
        builder.Services.AddSingleton<DocumentScan>();
    }
}
