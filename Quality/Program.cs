using Moderation.Engine;
using Moderation.Engine.Scoring;
using Moderation.ModelServers;
using Quality;

// The quality command: dotnet run -c Release --project Quality -- [--dev PATH] [--suite PATH] [--pii PATH] [--check] [--json PATH]
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

foreach (var path in new[] { options.SuitePath, options.PiiSuitePath }.Where(p => !File.Exists(p)))
{
    Console.Error.WriteLine($"suite not found: {path}");
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

    var tiersPassed = true;
    if (options.Models)
    {
        if (options.DevPath is not { } modelsDevPath || !File.Exists(modelsDevPath))
        {
            Console.Error.WriteLine("--models needs dev.jsonl: pass --dev PATH");
            return 2;
        }

        tiersPassed = await MeasureTiersAsync(engine, modelsDevPath, options);
    }

    if (options.Loso)
    {
        if (options.DevPath is not { } losoDevPath || !File.Exists(losoDevPath))
        {
            Console.Error.WriteLine("--loso needs the datasets: pass --dev PATH/dev.jsonl");
            return 2;
        }

        await MeasureSourceGeneralisationAsync(engine, Path.GetDirectoryName(losoDevPath)!, options);
    }

    var suite = Evaluation.Suite(engine, JsonlReader.Read(options.SuitePath));
    Report.WriteSuite(Console.Out, options.SuitePath, suite);
    var gate = Gate.Evaluate(suite, options.MinRecall, options.MaxFalsePositiveRate);
    Report.WriteGate(Console.Out, gate);
    if (options.JsonPath is { } jsonPath)
    {
        JsonReport.Write(jsonPath, dev is null ? null : options.DevPath, dev, options.SuitePath, suite, gate);
    }

    var pii = PiiEvaluation.Run(options.PiiSuitePath);
    PiiReport.Write(Console.Out, options.PiiSuitePath, pii);
    return options.Check && !(gate.Passed && tiersPassed && pii.Passed) ? 1 : 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException
    or TimeoutException or HttpRequestException or Moderation.ModelServers.ModelServerException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

/// <summary>Scores dev with both model servers, optionally refits the combiner, prints the tier table; false when the ML gate fails.</summary>
static async Task<bool> MeasureTiersAsync(ModerationEngine engine, string devPath, QualityOptions options)
{
    await using var fastText = await ModelServerProcess.StartAsync(ModelServerNames.FastText, options.FastTextUrl, options.RepositoryPath);
    await using var kobert = await ModelServerProcess.StartAsync(ModelServerNames.Kobert, options.KobertUrl, options.RepositoryPath);
    var observations = await TierEvaluation.ObserveAsync(engine, JsonlReader.Read(devPath), fastText, kobert);
    var combiner = TierCombiner.CreateDefault();
    if (options.FitPath is { } fitPath)
    {
        combiner = CombinerFit.Fit(observations, options.CommunityFalsePositiveRate);
        await File.WriteAllTextAsync(fitPath, combiner.ToJson(Path.GetFileName(devPath)) + "\n");
        Console.WriteLine($"(combiner weights refitted on {devPath} and written to {fitPath}; rebuild to ship them)");
        Console.WriteLine();
    }

    var tables = TierEvaluation.Evaluate(
        observations, await fastText.Client.HealthAsync(CancellationToken.None), await kobert.Client.HealthAsync(CancellationToken.None), combiner);
    var reliability = Calibration.Measure(observations, combiner);
    var failures = TierGate.Evaluate(tables, reliability);
    Report.WriteTiers(Console.Out, devPath, tables, failures);
    Report.WriteThresholds(Console.Out, combiner, tables);
    Report.WriteCalibration(Console.Out, devPath, reliability);

    // The evasion and false-positive suite through the combined decision too: models must not undo the allowlist.
    var suiteObservations = await TierEvaluation.ObserveAsync(engine, JsonlReader.Read(options.SuitePath), fastText, kobert);
    var suiteTables = TierEvaluation.Evaluate(
        suiteObservations, await fastText.Client.HealthAsync(CancellationToken.None), await kobert.Client.HealthAsync(CancellationToken.None), combiner);
    Report.WriteTierSuite(Console.Out, options.SuitePath, suiteTables);
    return failures.Count == 0;
}

/// <summary>The leave-one-source-out table of the candidates loso.py compares by default (today's model and the shipped one).</summary>
static async Task MeasureSourceGeneralisationAsync(ModerationEngine engine, string dataFolder, QualityOptions options)
{
    var items = new[] { "train.jsonl", "dev.jsonl", Path.Combine("extra", "train.jsonl"), Path.Combine("extra", "dev.jsonl") }
        .Select(file => Path.Combine(dataFolder, file)).Where(File.Exists).SelectMany(JsonlReader.Read).ToList();
    var scores = options.LosoScoresPath ?? await SourceGeneralisation.ScoreAsync(options.RepositoryPath, dataFolder, ["today", "shipped"]);
    SourceGeneralisation.Write(Console.Out, SourceGeneralisation.Evaluate(engine, items, scores, options.CommunityFalsePositiveRate));
}
