using FilterApi.Auth;

namespace FilterApi.Keys;

internal static class KeyStoreExtensions
{
    /// <summary>Keys in MySQL behind the Redis and in-process caches, with change notices and batched last use.</summary>
    public static void AddDatabaseKeys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyStoreOptions>().BindConfiguration(KeyStoreOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SigningSecretProtector>();
        builder.Services.AddSingleton<LastUsedRecorder>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LastUsedRecorder>());
        builder.Services.AddSingleton<DatabaseApiKeyStore>();
        builder.Services.AddSingleton<IApiKeyStore>(sp => sp.GetRequiredService<DatabaseApiKeyStore>());
        builder.Services.AddSingleton<KeyChangeNotifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KeyChangeNotifier>());
        builder.Services.AddScoped<KeyAdminService>();
    }
}
