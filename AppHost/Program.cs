using AppHost;
using AppHost.Hosting;

var builder = DistributedApplicationBuilder.CreateBuilder(args, new DistributedApplicationOptions
{
    Console = Console.Out,
    // Several checkouts or test runs on one machine keep their state apart with APPHOST_STATE_DIR.
    StateDirectory = Environment.GetEnvironmentVariable("APPHOST_STATE_DIR"),
});
AppModel.Define(builder);
return await builder.Build().RunAsync();
