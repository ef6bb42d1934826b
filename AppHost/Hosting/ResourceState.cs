using System.Diagnostics;

namespace AppHost.Hosting;

/// <summary>What the console shows for a resource.</summary>
public enum ResourceStatus
{
    Waiting,
    Starting,
    Running,
    Restarting,
    Failed,
    Stopped,

    /// <summary>An optional resource whose program is not installed (Ollama): reported, not started.</summary>
    Unavailable,
}

/// <summary>The live side of a resource: its process and status.</summary>
internal sealed class ResourceState(Resource resource)
{
    public Resource Resource { get; } = resource;

    public ResourceStatus Status { get; set; } = ResourceStatus.Waiting;

    public Process? Process { get; set; }

    public string LogFile { get; set; } = "";

    public int Restarts { get; set; }

    /// <summary>Stopped on request (a resource command), so its exit is no crash and is not restarted.</summary>
    public bool StoppedOnRequest { get; set; }
}
