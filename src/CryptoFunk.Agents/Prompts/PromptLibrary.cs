using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// The prompt files of one folder, keyed by <c>name</c>, editable while the program runs. A file watcher marks the
/// folder changed and, before each use, the prompt's file is checked (time and size, one <c>stat</c>), so a saved edit
/// is used from the next call on. An edit that does not load (bad YAML, unknown key, template error) is refused and
/// logged with file and line, and the file's last good version stays in use. Loaded prompts are immutable snapshots,
/// so agents can use the library in parallel.
/// </summary>
public sealed class PromptLibrary : IPromptLibrary, IDisposable
{
    private readonly Lock _reloadLock = new();
    private readonly PromptTemplateFactory _factory;
    private readonly ILogger _logger;
    private readonly bool _watch;
    private readonly FileSystemWatcher? _watcher;
    private volatile Snapshot? _snapshot;
    private int _changed;
    private volatile bool _disposed;

    /// <summary>A library over <see cref="PromptLibraryOptions.Directory"/>; files are read on first use.</summary>
    public PromptLibrary(IOptions<PromptLibraryOptions> options, PromptTemplateFactory factory, ILogger<PromptLibrary> logger)
    {
        Directory = PromptDirectory.Resolve(options.Value.Directory);
        _factory = factory;
        _logger = logger;
        _watch = options.Value.Watch;
        if (_watch && System.IO.Directory.Exists(Directory))
        {
            _watcher = StartWatching();
        }
    }

    /// <summary>A library over <paramref name="directory"/> without DI (commands, tests).</summary>
    public PromptLibrary(string directory, bool watch = true, ILogger<PromptLibrary>? logger = null)
        : this(Options.Create(new PromptLibraryOptions { Directory = directory, Watch = watch }), new PromptTemplateFactory(), logger ?? NullLogger<PromptLibrary>.Instance)
    {
    }

    /// <inheritdoc/>
    public string Directory { get; }

    /// <inheritdoc/>
    public IReadOnlyList<LoadedPrompt> Prompts =>
        [.. Current().Prompts.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <inheritdoc/>
    public IReadOnlyList<PromptError> Errors => Current().Errors;

    /// <inheritdoc/>
    public LoadedPrompt Get(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var snapshot = _snapshot ?? Reload();
        if (_watch)
        {
            if (Interlocked.Exchange(ref _changed, 0) == 1 ||
                !snapshot.Prompts.TryGetValue(name, out var known) ||
                snapshot.Files[known.FilePath].IsStale())
            {
                snapshot = Reload();
            }
        }

        return snapshot.Prompts.TryGetValue(name, out var prompt) ? prompt : throw Unavailable(name, snapshot);
    }

    /// <summary>Re-reads the folder now (changed files only); <see cref="Get"/> does this itself when watching.</summary>
    public void Refresh()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Reload();
    }

    /// <summary>Stops watching the folder.</summary>
    public void Dispose()
    {
        _disposed = true;
        _watcher?.Dispose();
    }

    private Snapshot Current()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var snapshot = _snapshot;
        return snapshot is null || _watch ? Reload() : snapshot;
    }

    private Snapshot Reload()
    {
        lock (_reloadLock)
        {
            Interlocked.Exchange(ref _changed, 0);
            var previous = _snapshot ?? Snapshot.Empty();
            var snapshot = System.IO.Directory.Exists(Directory) ? Scan(previous) : Missing(previous);
            _snapshot = snapshot;
            return snapshot;
        }
    }

    private Snapshot Missing(Snapshot previous)
    {
        if (!previous.DirectoryMissing)
        {
            PromptLibraryLog.DirectoryMissing(_logger, Directory);
        }

        var error = new PromptError(Directory, 0, 0, "the prompt directory does not exist");
        return Snapshot.Empty() with { Errors = [error], DirectoryMissing = true };
    }

    private Snapshot Scan(Snapshot previous)
    {
        var files = new Dictionary<string, FileState>(StringComparer.Ordinal);
        foreach (var path in PromptFiles())
        {
            var state = Load(path, previous.Files.GetValueOrDefault(path));
            if (state is not null)
            {
                files[path] = state;
            }
        }

        foreach (var removed in previous.Files.Keys.Where(p => !files.ContainsKey(p)))
        {
            PromptLibraryLog.PromptFileRemoved(_logger, removed);
        }

        var errors = files.Values.Where(f => f.Error is not null).Select(f => f.Error!).ToList();
        var prompts = new Dictionary<string, LoadedPrompt>(StringComparer.OrdinalIgnoreCase);
        var byName = files.Values
            .Where(f => f.LastGood is not null)
            .GroupBy(f => f.LastGood!.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var group in byName)
        {
            var candidates = group.Select(f => f.LastGood!).ToList();
            if (candidates.Count == 1)
            {
                prompts[group.Key] = candidates[0];
                continue;
            }

            // The file that already held the name keeps it; a newcomer cannot take over a working prompt.
            var holder = previous.Prompts.TryGetValue(group.Key, out var held)
                ? candidates.FirstOrDefault(c => c.FilePath == held.FilePath)
                : null;
            if (holder is not null)
            {
                prompts[group.Key] = holder;
            }

            foreach (var candidate in candidates.Where(c => c != holder))
            {
                var others = string.Join(" and ", candidates.Where(c => c != candidate).Select(c => c.FilePath));
                var reason = holder is null
                    ? $"duplicate prompt name '{candidate.Name}': also defined in {others}; neither is used until one is renamed"
                    : $"duplicate prompt name '{candidate.Name}': already defined in {holder.FilePath}, which stays in use";
                errors.Add(new PromptError(candidate.FilePath, candidate.NameLine, 0, reason, candidate.Name));
                if (!previous.Errors.Any(e => e.FilePath == candidate.FilePath && e.Reason == reason))
                {
                    PromptLibraryLog.DuplicateName(_logger, candidate.Name, $"{candidate.FilePath}:{candidate.NameLine}: {reason}");
                }
            }
        }

        errors.Sort((a, b) => string.CompareOrdinal(a.FilePath, b.FilePath) is var byFile and not 0 ? byFile : a.Line.CompareTo(b.Line));
        return new Snapshot(files, prompts, errors);
    }

    private IEnumerable<string> PromptFiles() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.yaml")
            .Concat(System.IO.Directory.EnumerateFiles(Directory, "*.yml"))
            .Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    /// <summary>The file's state, re-reading it only when its time or size changed; null if it vanished meanwhile.</summary>
    private FileState? Load(string path, FileState? previous)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return null;
        }

        if (previous is not null && previous.LastWriteUtc == info.LastWriteTimeUtc && previous.Length == info.Length)
        {
            return previous;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var unreadable = new PromptError(path, 0, 0, $"the file cannot be read: {e.Message}");
            return new FileState(path, info.LastWriteTimeUtc, info.Length, string.Empty, unreadable, previous?.LastGood);
        }

        var version = PromptVersion.Compute(content);
        if (previous is not null && previous.Version == version)
        {
            return previous with { LastWriteUtc = info.LastWriteTimeUtc, Length = info.Length };
        }

        var (prompt, error) = PromptFileLoader.Load(path, content, _factory);
        if (prompt is not null)
        {
            PromptLibraryLog.PromptLoaded(_logger, prompt.Name, prompt.Version, path);
            return new FileState(path, info.LastWriteTimeUtc, info.Length, version, null, prompt);
        }

        var kept = previous?.LastGood is { } good ? $"still using version {good.Version}" : "no earlier version to use";
        PromptLibraryLog.PromptFileRefused(_logger, path, error!.Line, error.Reason, kept);
        return new FileState(path, info.LastWriteTimeUtc, info.Length, version, error, previous?.LastGood);
    }

    private PromptUnavailableException Unavailable(string name, Snapshot snapshot)
    {
        var related = snapshot.Errors
            .Where(e => string.Equals(e.PromptName, name, StringComparison.OrdinalIgnoreCase) ||
                        (e.PromptName is null && string.Equals(Path.GetFileNameWithoutExtension(e.FilePath), name, StringComparison.OrdinalIgnoreCase)) ||
                        string.Equals(e.FilePath, Directory, StringComparison.Ordinal))
            .ToList();
        if (related.Count > 0)
        {
            return new PromptUnavailableException(name, $"prompt '{name}' is not available: {string.Join("; ", related)}", related);
        }

        var available = snapshot.Prompts.Count == 0 ? "none" : string.Join(", ", snapshot.Prompts.Keys.Order(StringComparer.Ordinal));
        return new PromptUnavailableException(name, $"no prompt named '{name}' in {Directory} (available: {available})", []);
    }

    private FileSystemWatcher? StartWatching()
    {
        try
        {
            var watcher = new FileSystemWatcher(Directory)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Filters.Add("*.yaml");
            watcher.Filters.Add("*.yml");
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnChanged;
            watcher.Error += OnWatchError;
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            PromptLibraryLog.WatchFailed(_logger, Directory, e);
            return null;
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => Interlocked.Exchange(ref _changed, 1);

    private void OnWatchError(object sender, ErrorEventArgs e)
    {
        Interlocked.Exchange(ref _changed, 1);
        PromptLibraryLog.WatchFailed(_logger, Directory, e.GetException());
    }

    /// <summary>What was read from one file: its stamp, version, current problem, and the version in use.</summary>
    private sealed record FileState(string Path, DateTime LastWriteUtc, long Length, string Version, PromptError? Error, LoadedPrompt? LastGood)
    {
        /// <summary>Whether the file changed since it was read (one <c>stat</c>).</summary>
        public bool IsStale()
        {
            var info = new FileInfo(Path);
            return !info.Exists || info.LastWriteTimeUtc != LastWriteUtc || info.Length != Length;
        }
    }

    /// <summary>One consistent view of the folder; replaced whole on reload.</summary>
    private sealed record Snapshot(
        IReadOnlyDictionary<string, FileState> Files,
        IReadOnlyDictionary<string, LoadedPrompt> Prompts,
        IReadOnlyList<PromptError> Errors,
        bool DirectoryMissing = false)
    {
        public static Snapshot Empty() => new(
            new Dictionary<string, FileState>(StringComparer.Ordinal),
            new Dictionary<string, LoadedPrompt>(StringComparer.OrdinalIgnoreCase),
            []);
    }
}
