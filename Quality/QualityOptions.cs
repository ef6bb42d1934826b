using System.Globalization;

namespace Quality;

/// <summary>Command-line options of the quality command. Paths given on the command line are relative to the current directory.</summary>
internal sealed record QualityOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project Quality -- [options]
          --dev PATH          labelled texts to score (default: ../shared/datasets/dev.jsonl beside the repository; skipped when absent)
          --suite PATH        evasion and false-positive suite (default: Quality/Suites/suite.jsonl)
          --pii PATH          personal-data suite (default: Quality/Suites/pii.jsonl); gate: precision and recall
                              ≥ 0.95 per label, look-alikes find nothing
          --check             exit 1 when the suite misses the gate in any language, or the personal-data gate fails
          --min-recall X      gate: minimum suite recall on label-1 cases (default 0.95; implies --check)
          --max-fpr X         gate: maximum suite false-positive rate on label-0 cases (default 0.02; implies --check)
          --models            also measure the ML tier on dev: each model server and the combined analyze decision
                              (starts model-servers/serve.py with /usr/bin/python3 unless --fasttext/--kobert give URLs)
          --fasttext URL      a running fastText server to use (implies --models)
          --kobert URL        a running transformer server to use (implies --models)
          --fit [PATH]        refit the tier combiner's weights on dev and write them (default:
                              Libraries/Moderation.Engine/Scoring/combiner.json; implies --models)
          --community-fpr X   with --fit: the community threshold's false-positive ceiling on dev per language
                              (default 0.05); chat takes the F1 optimum at or above it
          --loso [SCORES]     also print the leave-one-source-out table: runs model-servers/loso.py (fastText
                              trained once per source, about 20 minutes per candidate on 2 cores) unless SCORES,
                              a file it wrote with --scores, is given
          --json PATH         also write the numbers as JSON
          --help              this text
        Exit codes: 0 ok, 1 gate failed, 2 bad arguments or input.
        """;

    public string? DevPath { get; init; }

    /// <summary>True when --dev was given: then a missing file is an error, not a skipped table.</summary>
    public bool DevRequired { get; init; }

    public required string SuitePath { get; init; }

    public required string PiiSuitePath { get; init; }

    public bool Check { get; init; }

    public double MinRecall { get; init; } = 0.95;

    public double MaxFalsePositiveRate { get; init; } = 0.02;

    public string? JsonPath { get; init; }

    public bool Models { get; init; }

    public string? FastTextUrl { get; init; }

    public string? KobertUrl { get; init; }

    public double CommunityFalsePositiveRate { get; init; } = CombinerFit.DefaultCommunityFalsePositiveRate;

    /// <summary>True with --loso; <see cref="LosoScoresPath"/> is the scores file it reads, or null to run loso.py.</summary>
    public bool Loso { get; init; }

    public string? LosoScoresPath { get; init; }

    /// <summary>Where --fit writes the combiner weights; null without --fit.</summary>
    public string? FitPath { get; init; }

    public required string RepositoryPath { get; init; }

    public bool Help { get; init; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static QualityOptions Parse(IReadOnlyList<string> args)
    {
        string? dev = null, suite = null, pii = null, json = null, fastText = null, kobert = null, fit = null, losoScores = null;
        bool check = false, help = false, models = false, refit = false, loso = false;
        double minRecall = 0.95, maxFpr = 0.02, communityFpr = CombinerFit.DefaultCommunityFalsePositiveRate;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--dev": dev = Value(); break;
                case "--suite": suite = Value(); break;
                case "--pii": pii = Value(); break;
                case "--json": json = Value(); break;
                case "--check": check = true; break;
                case "--min-recall": minRecall = Fraction(args[i], Value()); check = true; break;
                case "--max-fpr": maxFpr = Fraction(args[i], Value()); check = true; break;
                case "--models": models = true; break;
                case "--fasttext": fastText = Value(); models = true; break;
                case "--kobert": kobert = Value(); models = true; break;
                case "--fit":
                    refit = models = true;
                    fit = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
                    break;
                case "--community-fpr": communityFpr = Fraction(args[i], Value()); break;
                case "--loso":
                    loso = true;
                    losoScores = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? Path.GetFullPath(args[++i]) : null;
                    break;
                case "--help" or "-h": help = true; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        var root = RepositoryRoot.Find();
        if ((suite is null || pii is null || models || (loso && losoScores is null)) && root is null)
        {
            throw new ArgumentException($"no folder containing {RepositoryRoot.Marker} above the current directory or the program; pass --suite and --pii (and --dev)");
        }

        return new QualityOptions
        {
            DevPath = dev ?? (root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets", "dev.jsonl"))),
            DevRequired = dev is not null,
            SuitePath = suite ?? Path.Combine(root!, "Quality", "Suites", "suite.jsonl"),
            PiiSuitePath = pii ?? Path.Combine(root!, "Quality", "Suites", "pii.jsonl"),
            Check = check,
            MinRecall = minRecall,
            MaxFalsePositiveRate = maxFpr,
            JsonPath = json,
            Help = help,
            Models = models,
            FastTextUrl = fastText,
            KobertUrl = kobert,
            CommunityFalsePositiveRate = communityFpr,
            Loso = loso,
            LosoScoresPath = losoScores,
            FitPath = refit ? Path.GetFullPath(fit ?? Path.Combine(root!, "Libraries", "Moderation.Engine", "Scoring", "combiner.json")) : null,
            RepositoryPath = root ?? Environment.CurrentDirectory,
        };
    }

    private static double Fraction(string option, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is >= 0 and <= 1
            ? fraction
            : throw new ArgumentException($"{option} expects a number from 0 to 1, not '{value}'");
}

/// <summary>The repository root: the nearest folder holding aspire.sln above the current directory, else above the program.</summary>
internal static class RepositoryRoot
{
    public const string Marker = "aspire.sln";

    public static string? Find() => FindAbove(Environment.CurrentDirectory) ?? FindAbove(AppContext.BaseDirectory);

    private static string? FindAbove(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Marker)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
