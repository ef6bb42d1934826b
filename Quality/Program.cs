using Moderation.Engine;
using Quality;

// The quality command: dotnet run -c Release --project Quality -- [--dev PATH] [--suite PATH] [--check] [--json PATH]
QualityOptions options;
try
{
    options = QualityOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(QualityOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(QualityOptions.Usage);
    return 0;
}

if (!File.Exists(options.SuitePath))
{
    Console.Error.WriteLine($"suite not found: {options.SuitePath}");
    return 2;
}

try
{
    var engine = ModerationEngine.CreateDefault();
    ConfusionTable? dev = null;
    if (options.DevPath is { } devPath && (options.DevRequired || File.Exists(devPath)))
    {
        dev = Evaluation.Dev(engine, JsonlReader.Read(devPath));
        Report.WriteDev(Console.Out, devPath, dev);
    }
    else
    {
        Console.WriteLine($"(dev.jsonl not found at {options.DevPath ?? "../shared/datasets"}; its table is skipped. Pass --dev PATH.)");
        Console.WriteLine();
    }

    var suite = Evaluation.Suite(engine, JsonlReader.Read(options.SuitePath));
    Report.WriteSuite(Console.Out, options.SuitePath, suite);
    var gate = Gate.Evaluate(suite, options.MinRecall, options.MaxFalsePositiveRate);
    Report.WriteGate(Console.Out, gate);
    if (options.JsonPath is { } jsonPath)
    {
        JsonReport.Write(jsonPath, dev is null ? null : options.DevPath, dev, options.SuitePath, suite, gate);
    }

    return options.Check && !gate.Passed ? 1 : 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
