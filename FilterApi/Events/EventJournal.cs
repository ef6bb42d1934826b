using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace FilterApi.Events;

/// <summary>
/// Batches Redis did not take in time, on local disk (flushed to it before their requests are answered) until it does.
/// One folder per Redis (a hash of its endpoints), so a journal is never replayed into another Redis. The file being
/// written is held with an exclusive lock; any process may replay a file nobody holds (one a killed process left
/// too), and deletes it once Redis has every entry. Folder and files are the owner's only.
/// </summary>
internal sealed class EventJournal : IDisposable
{
    private const string Extension = ".journal";
    private readonly long _maxBytes;
    private readonly Lock _gate = new();
    private FileStream? _current;
    private long _bytes;

    public EventJournal(IConnectionMultiplexer redis, IOptions<EventOptions> options, IHostEnvironment environment)
    {
        _maxBytes = options.Value.JournalMaxBytes;
        var destination = string.Join(',', redis.GetEndPoints().Select(e => e.ToString()).Order(StringComparer.Ordinal));
        var folder = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(destination)))[..16];
        Directory = Path.Combine(Path.GetFullPath(options.Value.JournalDirectory, environment.ContentRootPath), folder);
        _bytes = System.IO.Directory.Exists(Directory) ? Files().Sum(f => new FileInfo(f).Length) : 0;
    }

    public string Directory { get; }

    /// <summary>Bytes of events in journal files, as this process knows them.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Appends the lines and flushes them to disk; false (nothing written) when that would pass <see cref="EventOptions.JournalMaxBytes"/>.</summary>
    public bool TryAppend(IReadOnlyList<EventEntry> entries)
    {
        var lines = entries.Select(e => e.ToJournalLine()).ToList();
        var size = lines.Sum(l => (long)l.Length);
        lock (_gate)
        {
            if (Bytes + size > _maxBytes)
            {
                return false;
            }

            _current ??= Create();
            foreach (var line in lines)
            {
                _current.Write(line);
            }

            _current.Flush(flushToDisk: true);
            Interlocked.Add(ref _bytes, size);
            return true;
        }
    }

    /// <summary>Closes the file being written, so it can be replayed.</summary>
    public void Seal()
    {
        lock (_gate)
        {
            _current?.Dispose();
            _current = null;
        }
    }

    public bool IsWriting
    {
        get
        {
            lock (_gate)
            {
                return _current is not null;
            }
        }
    }

    /// <summary>Journal files, oldest first (names start with their creation time).</summary>
    public IEnumerable<string> Files() =>
        System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Order(StringComparer.Ordinal) : [];

    /// <summary>Opens a file nobody writes or replays (an exclusive lock); false when someone does, or it is gone.</summary>
    public static bool TryOpenForReplay(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FileStream? file)
    {
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file = null;
            return false;
        }
    }

    /// <summary>Redis has every entry of the file: delete it (still holding its lock, so nobody replays it again meanwhile).</summary>
    public void Replayed(string path, FileStream file)
    {
        var length = file.Length;
        File.Delete(path);
        file.Dispose();
        Interlocked.Add(ref _bytes, -Math.Min(length, Bytes));
    }

    private FileStream Create()
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var name = $"{DateTime.UtcNow:yyyyMMddHHmmssfffffff}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}{Extension}";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(Directory, name), options);
    }

    public void Dispose() => Seal();
}
