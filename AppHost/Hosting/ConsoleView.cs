using Spectre.Console;

namespace AppHost.Hosting;

/// <summary>The one console view: a table of every resource's state, PID, URL and log, and prefixed log lines.</summary>
internal sealed class ConsoleView
{
    private static readonly string[] Colours = ["blue", "green", "magenta", "cyan", "yellow", "olive", "teal", "purple"];
    private readonly IAnsiConsole? _console;
    private readonly Dictionary<string, string> _colourOf = [];

    public ConsoleView(TextWriter? writer)
    {
        _console = writer is null ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (_console is not null && System.Console.IsOutputRedirected)
        {
            _console.Profile.Width = 200; // log files and CI: do not wrap lines at 80 columns
        }
    }

    public void Log(string resource, string line)
    {
        if (_console is null)
        {
            return;
        }

        lock (_colourOf)
        {
            if (!_colourOf.TryGetValue(resource, out var colour))
            {
                colour = Colours[_colourOf.Count % Colours.Length];
                _colourOf[resource] = colour;
            }

            _console.MarkupLine($"[{colour}]{Markup.Escape(resource),-12}[/] {Markup.Escape(line)}");
        }
    }

    public void Info(string message) => _console?.MarkupLine($"[grey]apphost[/]      {Markup.Escape(message)}");

    public void Error(string message) => _console?.MarkupLine($"[red]apphost[/]      [red]{Markup.Escape(message)}[/]");

    public void Render(IReadOnlyList<ResourceState> states, string stateDirectory)
    {
        if (_console is null)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]moderation gateway[/]")
            .AddColumns("resource", "state", "pid", "url / connection", "log");
        foreach (var state in states.Where(s => s.Resource is not ParameterResource))
        {
            var colour = state.Status switch
            {
                ResourceStatus.Running => "green",
                ResourceStatus.Failed => "red",
                ResourceStatus.Unavailable => "grey",
                ResourceStatus.Stopped => "grey",
                _ => "yellow",
            };
            table.AddRow(
                Markup.Escape(state.Resource.Name),
                $"[{colour}]{state.Status}[/]",
                state.Process is { HasExited: false } p ? p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                Markup.Escape(state.Resource.Url ?? (state.Resource.Port > 0 ? $"127.0.0.1:{state.Resource.Port}" : "")),
                Markup.Escape(Path.GetRelativePath(stateDirectory, state.LogFile.Length > 0 ? state.LogFile : stateDirectory)));
        }

        _console.Write(table);
        foreach (var parameter in states.Select(s => s.Resource).OfType<ParameterResource>().Where(p => p.ConsoleLabel is not null))
        {
            _console.MarkupLine($"[bold]{Markup.Escape(parameter.ConsoleLabel!)}[/] {Markup.Escape(parameter.Value)}");
        }

        _console.MarkupLine($"[grey]state and logs: {Markup.Escape(stateDirectory)} — stop with Ctrl+C[/]");
    }
}
