using System.Security.Cryptography;
using System.Text.Json;

namespace AppHost.Hosting;

/// <summary>
/// A parameter as in Aspire: read from configuration (<c>Parameters:{name}</c>, i.e. <c>Parameters__{name}</c>),
/// otherwise generated once and kept in the state folder so later runs reuse it.
/// </summary>
public sealed class ParameterResource(string name) : Resource(name)
{
    private string? _value;

    /// <summary>When set, the console shows the value under this label once the graph is up (the admin login).</summary>
    public string? ConsoleLabel { get; set; }

    public string Value => _value ?? throw new InvalidOperationException($"parameter '{Name}' is read when the application starts");

    public override ProcessSpec? CreateProcess() => null;

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    internal void Resolve(string? configured, string stateFile)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            _value = configured;
            return;
        }

        var stored = File.Exists(stateFile)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(stateFile)) ?? []
            : [];
        if (!stored.TryGetValue(Name, out var value))
        {
            value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            stored[Name] = value;
            Directory.CreateDirectory(Path.GetDirectoryName(stateFile)!);
            File.WriteAllText(stateFile, JsonSerializer.Serialize(stored));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stateFile, UnixFileMode.UserRead | UnixFileMode.UserWrite); // secrets: owner only
            }
        }

        _value = value;
    }
}
