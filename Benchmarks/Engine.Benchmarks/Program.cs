using BenchmarkDotNet.Running;
using Engine.Benchmarks;

// dotnet run -c Release --project Benchmarks/Engine.Benchmarks -- --filter '*'      quick job (the default; --quick says so explicitly), < ~5 min on 2 cores
//   ... -- --filter '*' --full    BenchmarkDotNet's default job (longer, tighter intervals)
//   ... -- --counts               print what each contender finds on each text, no timing
//   ... -- --filter '*Adversarial*'   adversarial texts against ordinary chat text, FILTER mode
//   ... -- --rounds               the same texts timed in rounds, every text in each, for ratios a drifting machine moves less
//   ... -- --filter '*Pii*'           the personal-data identifier against the lexicon tier and a set of compiled regexes
// Any other argument goes to BenchmarkDotNet (--filter, --list flat, --exporters json, ...).
string[] ownOptions = ["--quick", "--full", "--counts", "--rounds"];
if (args.Contains("--counts"))
{
    MatchCounts.Print(Console.Out);
    return 0;
}

if (args.Contains("--rounds"))
{
    AdversarialRounds.Print(Console.Out);
    return 0;
}

var summaries = BenchmarkSwitcher
    .FromAssembly(typeof(LexiconTierBenchmarks).Assembly)
    .Run([.. args.Where(a => !ownOptions.Contains(a))], BenchmarkConfig.Create(full: args.Contains("--full")));
ThroughputTable.Print(summaries, Console.Out);
AdversarialTable.Print(summaries, Console.Out);
PiiTable.Print(summaries, Console.Out);
return 0;
