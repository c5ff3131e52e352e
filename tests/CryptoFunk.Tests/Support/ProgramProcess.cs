using System.Diagnostics;

namespace CryptoFunk.Tests.Support;

/// <summary>
/// The built <c>cryptofunk</c> program as a child process, so a test can kill it with SIGKILL at a moment of its
/// choosing, as a crash would. It runs from the host project's own output of the configuration the tests were built
/// in (the tests' output lacks the host's framework assemblies), which building the tests builds.
/// </summary>
internal sealed class ProgramProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProgramProcess(IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The tests' own settings (CRYPTOFUNK_TEST_POSTGRES) are not the program's configuration.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("CRYPTOFUNK_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["Prompts__Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add(e.Data);
                }
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_lines)
                {
                    _lines.Add("stderr: " + e.Data);
                }
            }
        };
        _process.Exited += (_, _) => _exited.TrySetResult();
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The host's <c>cryptofunk.dll</c> in the same configuration and target framework as the tests.</summary>
    public static string Program
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory);
            var configuration = framework.Parent!;
            return Path.Combine(SharedFiles.RepositoryRoot, "src", "CryptoFunk.Host", "bin", configuration.Name, framework.Name, "cryptofunk.dll");
        }
    }

    /// <summary>Everything printed so far, standard error prefixed with <c>stderr:</c>.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static ProgramProcess Start(params string[] args) => new(args);

    /// <summary>Starts the program in <paramref name="workingDirectory"/> (where it looks for <c>appsettings.json</c>) with extra environment variables.</summary>
    public static ProgramProcess StartIn(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        new(args, workingDirectory, environment);

    /// <summary>Configuration keys (<c>Llm:Providers:0:Model</c>) as the environment variables the program reads them from.</summary>
    public static Dictionary<string, string> Environment(IEnumerable<KeyValuePair<string, string?>> settings) =>
        settings.ToDictionary(s => "CRYPTOFUNK_" + s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    /// <summary>Standard error's lines, without the <c>stderr:</c> prefix.</summary>
    public IReadOnlyList<string> ErrorLines => [.. Lines.Where(l => l.StartsWith("stderr: ", StringComparison.Ordinal)).Select(l => l["stderr: ".Length..])];

    /// <summary>Waits for the program to end; its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        await _exited.Task.WaitAsync(timeout);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until a printed line contains <paramref name="text"/> and returns it; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            if (clock.Elapsed > timeout || _exited.Task.IsCompleted)
            {
                Assert.Fail($"the program did not print '{text}':\n{string.Join('\n', Lines)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGTERM (a graceful stop, as Ctrl+C) and waits for the program to end; its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitAsync(timeout);
    }

    /// <summary>
    /// Kills the program with SIGKILL <paramref name="after"/> <paramref name="condition"/> first holds (polled);
    /// false when it ended before that.
    /// </summary>
    public async Task<bool> KillWhenAsync(Func<Task<bool>> condition, TimeSpan after, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (_exited.Task.IsCompleted)
            {
                return false;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"the condition did not hold within {timeout}; the program printed:\n{string.Join('\n', Lines.TakeLast(10))}");
            }

            await Task.Delay(10);
        }

        await Task.WhenAny(_exited.Task, Task.Delay(after));
        if (_exited.Task.IsCompleted)
        {
            return false;
        }

        _process.Kill(entireProcessTree: true);
        await WaitAsync(timeout);
        return true;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
