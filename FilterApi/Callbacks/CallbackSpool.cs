using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FilterApi.Callbacks;

/// <summary>
/// Accepted jobs as one JSON file each, in a folder of this replica's own. A job is written (and flushed) before
/// the client hears 2020, rewritten with its attempt count before each attempt, and removed only after delivery,
/// so a crash or restart in between loses nothing; undeliverable jobs move to <c>dead/</c>, which is pruned by age.
/// Files are owner-only.
/// </summary>
internal sealed partial class CallbackSpool
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _deadDirectory;
    private long _pendingBytes;

    public CallbackSpool(IOptions<CallbackOptions> options, IHostEnvironment environment, IConfiguration configuration)
    {
        var replica = options.Value.ReplicaName is { Length: > 0 } named
            ? named
            : $"{configuration["OTEL_SERVICE_NAME"] ?? environment.ApplicationName}-{Environment.MachineName}";
        Directory = Path.Combine(Path.GetFullPath(options.Value.SpoolDirectory, environment.ContentRootPath), UnsafeCharacters().Replace(replica, "_"));
        _deadDirectory = Path.Combine(Directory, "dead");
    }

    /// <summary>This replica's folder.</summary>
    public string Directory { get; }

    /// <summary>Bytes of the jobs waiting in the spool (what <see cref="CallbackOptions.MaxSpoolBytes"/> bounds).</summary>
    public long PendingBytes => Interlocked.Read(ref _pendingBytes);

    /// <summary>Writes the job (first time or again with a new attempt count), atomically.</summary>
    public async Task SaveAsync(CallbackJob job, CancellationToken cancellationToken)
    {
        CreateOwnerOnly(Directory);
        var path = PathOf(job.TrackingId);
        var temporary = path + ".tmp";
        var previous = File.Exists(path) ? new FileInfo(path).Length : 0;
        await using (var stream = new FileStream(temporary, OwnerOnly(FileMode.Create)))
        {
            await JsonSerializer.SerializeAsync(stream, job, Json, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        var size = new FileInfo(temporary).Length;
        File.Move(temporary, path, overwrite: true); // atomic: a reader never sees half a job
        Interlocked.Add(ref _pendingBytes, size - previous);
    }

    public IEnumerable<CallbackJob> LoadPending()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            yield break;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            CallbackJob? job;
            try
            {
                job = JsonSerializer.Deserialize<CallbackJob>(File.ReadAllText(path), Json);
            }
            catch (JsonException)
            {
                job = null;
            }

            if (job is null)
            {
                MoveToDead(path);
                continue;
            }

            Interlocked.Add(ref _pendingBytes, new FileInfo(path).Length);
            yield return job;
        }
    }

    public void Complete(Guid trackingId) => Remove(PathOf(trackingId), File.Delete);

    public void GiveUp(Guid trackingId) => Remove(PathOf(trackingId), MoveToDead);

    /// <summary>Deletes given-up jobs older than <paramref name="maxAge"/>; returns how many.</summary>
    public int PruneDead(TimeSpan maxAge, DateTimeOffset now)
    {
        if (!System.IO.Directory.Exists(_deadDirectory))
        {
            return 0;
        }

        var pruned = 0;
        foreach (var file in new DirectoryInfo(_deadDirectory).EnumerateFiles("*.json").Where(f => now - f.LastWriteTimeUtc > maxAge))
        {
            file.Delete();
            pruned++;
        }

        return pruned;
    }

    private void Remove(string path, Action<string> remove)
    {
        var size = File.Exists(path) ? new FileInfo(path).Length : 0;
        remove(path);
        Interlocked.Add(ref _pendingBytes, -size);
    }

    private void MoveToDead(string path)
    {
        CreateOwnerOnly(_deadDirectory);
        File.Move(path, Path.Combine(_deadDirectory, Path.GetFileName(path)), overwrite: true);
    }

    private string PathOf(Guid trackingId) => Path.Combine(Directory, $"{trackingId:N}.json");

    private static FileStreamOptions OwnerOnly(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static void CreateOwnerOnly(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}
