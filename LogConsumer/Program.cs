using LogConsumer;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddConsumerServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
