using AppHost;
using AppHost.Hosting;

var builder = DistributedApplicationBuilder.CreateBuilder(args, new DistributedApplicationOptions
{
    Console = Console.Out,
    // Several checkouts or test runs on one machine keep their state apart with APPHOST_STATE_DIR.
    StateDirectory = Environment.GetEnvironmentVariable("APPHOST_STATE_DIR"),
});
AppModel.Define(builder);
var app = builder.Build();

// dotnet run --project AppHost -- publish --target k8s --output DIR [--registry REGISTRY]
if (args.FirstOrDefault() == "publish")
{
    if (builder.Configuration["target"] != "k8s" || builder.Configuration["output"] is not { Length: > 0 } output)
    {
        Console.Error.WriteLine("usage: publish --target k8s --output DIR [--registry REGISTRY]");
        return 2;
    }

    foreach (var file in app.PublishKubernetes(output, builder.Configuration["registry"] ?? "registry.example.com/moderation"))
    {
        Console.WriteLine($"wrote {file}");
    }

    return 0;
}

return await app.RunAsync();
