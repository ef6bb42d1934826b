using AppHost.Publishing;

var builder = DistributedApplication.CreateBuilder(args);

// The operator's login to the admin API and the console (user "admin"); generated once, kept in user secrets,
// shown under Parameters in the dashboard.
var adminPassword = builder.AddParameter("admin-password", new GenerateParameterDefault { MinLength = 20, Special = false }, secret: true, persist: true);

var redis = builder.AddLocalRedis("redis");
var mysql = builder.AddMariaDb("mysql");
var filterDb = mysql.AddDatabase("filterdb");

// The ML and LLM tiers are optional: FilterApi answers degraded without them, so nothing waits for them.
var fastText = builder.AddModelServer("fasttext");
var kobert = builder.AddModelServer("kobert");
var qwen = builder.AddOllama("ollama")
    .AddModel("qwen", builder.Configuration["Parameters:ollama-model"] ?? "qwen2.5:1.5b-instruct");
// The chat guard's upstream: any OpenAI-compatible server the operator names (--ConnectionStrings:llm
// "Endpoint=https://…/v1;Key=…"); without one the guard talks to Ollama's /v1.
var llm = builder.AddOptionalConnectionString("llm");

// Services run as deployed (Production: no development key, no developer pages), not from their launch profiles.
var filterApi = builder.AddProject<Projects.FilterApi>("filterapi", launchProfileName: null)
    .WithDirectHttpEndpoint(builder.PortFromConfiguration("filterapi", 5080))
    .WithReference(redis).WaitFor(redis)
    .WithReference(filterDb).WaitFor(filterDb)
    .WithReference(fastText)
    .WithReference(kobert)
    .WithReference(qwen, connectionName: "ollama") // the LLM tier's contract: ConnectionStrings__ollama
    .WithOptionalReference(llm)
    .WithEnvironment("Admin__Password", adminPassword)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.LogConsumer>("logconsumer", launchProfileName: null)
    .WithDirectHttpEndpoint()
    .WithReference(redis).WaitFor(redis)
    .WithReference(filterDb).WaitFor(filterDb)
    .WaitFor(filterApi) // FilterApi owns and migrates the schema the consumer writes to
    .WithHttpHealthCheck("/health");

// The operators' console: it talks only to FilterApi's admin API; operators log in with the admin password.
builder.AddProject<Projects.Dashboard_Blazor>("dashboard", launchProfileName: null)
    .WithDirectHttpEndpoint(builder.PortFromConfiguration("dashboard", 5090))
    .WithReference(filterApi).WaitFor(filterApi)
    .WithHttpHealthCheck("/health");

var app = builder.Build();

// dotnet run --project AppHost -- --publisher kubernetes --output-path DIR [--Kubernetes:Registry REGISTRY]
if (KubernetesPublisher.IsRequested(builder.Configuration))
{
    return await KubernetesPublisher.PublishAsync(app.Services, builder.Configuration);
}

await app.RunAsync();
return 0;
