using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Integration.Tests;

/// <summary>The README's signing snippets, run as a client would run them, against a live replica.</summary>
[Collection(GatewayTests.Name)]
public sealed partial class ReadmeClientTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("python", "sign.py")]
    [InlineData("javascript", "sign.mjs")]
    [InlineData("csharp", "sign.cs")]
    public async Task SnippetSignsARequestTheGatewayAccepts(string language, string fileName)
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);
        // Outside the repository, so the snippet builds as a user's own file would (no Directory.Build.props).
        var folder = Directory.CreateTempSubdirectory("readme-client-");
        try
        {
            var file = Path.Combine(folder.FullName, fileName);
            await File.WriteAllTextAsync(file, Snippet(language));
            var (command, arguments) = language switch
            {
                "python" => (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", new[] { file }),
                "javascript" => ("node", [file]),
                _ => ("dotnet", ["run", file]),
            };

            var output = await RunAsync(command, arguments, folder.FullName, new Dictionary<string, string>
            {
                ["GATEWAY_URL"] = gateway.Graph.GetEndpoint("filterapi").ToString().TrimEnd('/'),
                ["API_KEY"] = key.Key,
                ["API_SECRET"] = key.Secret,
            });
            Assert.Contains("\"code\":2000", output, StringComparison.Ordinal);
            Assert.Contains("\"filteredWord\":\"fuck\"", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The fenced block of <paramref name="language"/> in the README's section on signed requests.</summary>
    private static string Snippet(string language)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("## API keys and signed requests", StringComparison.Ordinal);
        var end = readme.IndexOf("### Admin API", start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the README has no section on signed requests");
        var block = FencedBlock().Matches(readme[start..end]).FirstOrDefault(m => m.Groups["lang"].Value == language);
        Assert.True(block is not null, $"no {language} snippet in the README");
        return block.Groups["code"].Value;
    }

    private static async Task<string> RunAsync(string command, string[] arguments, string workingDirectory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{command} exited with {process.ExitCode}: {await error}");
        return await output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "aspire.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("aspire.sln not found");
    }

    [GeneratedRegex(@"```(?<lang>[a-z]+)\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
