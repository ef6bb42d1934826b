using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FilterApi.Callbacks;

/// <summary>
/// Accepted jobs as one JSON file each. A job is written (and flushed) before the client hears 2020 and removed
/// only after delivery, so a crash or restart in between loses nothing; undeliverable jobs move to <c>dead/</c>.
/// </summary>
internal sealed class CallbackSpool
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _directory;
    private readonly string _deadDirectory;

    public CallbackSpool(IOptions<CallbackOptions> options, IHostEnvironment environment)
    {
        _directory = Path.GetFullPath(options.Value.SpoolDirectory, environment.ContentRootPath);
        _deadDirectory = Path.Combine(_directory, "dead");
    }

    public async Task SaveAsync(CallbackJob job, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_directory);
        var path = PathOf(job.TrackingId);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await JsonSerializer.SerializeAsync(stream, job, Json, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true); // atomic: a reader never sees half a job
    }

    public IEnumerable<CallbackJob> LoadPending()
    {
        if (!Directory.Exists(_directory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_directory, "*.json").Order(StringComparer.Ordinal))
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

            yield return job;
        }
    }

    public void Complete(Guid trackingId) => File.Delete(PathOf(trackingId));

    public void GiveUp(Guid trackingId) => MoveToDead(PathOf(trackingId));

    private void MoveToDead(string path)
    {
        Directory.CreateDirectory(_deadDirectory);
        File.Move(path, Path.Combine(_deadDirectory, Path.GetFileName(path)), overwrite: true);
    }

    private string PathOf(Guid trackingId) => Path.Combine(_directory, $"{trackingId:N}.json");
}
