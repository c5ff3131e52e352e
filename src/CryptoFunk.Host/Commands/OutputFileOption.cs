using System.CommandLine;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// An option naming a file the command writes (<c>--json</c>, <c>--report</c>, <c>--out</c>). It is checked when the
/// command line is parsed, so a folder or a path under a file is one error line and exit code 2 before any work is
/// done or stored, instead of a failure after an hour of backtest.
/// </summary>
internal static class OutputFileOption
{
    /// <summary>An option <paramref name="name"/> whose value must be a path a file can be written to.</summary>
    public static Option<string?> Create(string name, string description, bool required = false)
    {
        var option = new Option<string?>(name) { Description = description, Required = required };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && Problem(path) is { } problem)
            {
                result.AddError($"{name} {path}: {problem}");
            }
        });
        return option;
    }

    /// <summary>Why <paramref name="path"/> cannot be written as a file, or null when it can.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return "give a file name";
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) || path.EndsWith(Path.DirectorySeparatorChar) || path.EndsWith(Path.AltDirectorySeparatorChar))
        {
            return "is a folder; give a file name inside it";
        }

        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                return $"{parent} is a file, not a folder";
            }

            if (Directory.Exists(parent))
            {
                return CanCreateIn(parent) ? null : $"the folder {parent} is not writable";
            }
        }

        return null;
    }

    private static bool CanCreateIn(string directory)
    {
        var probe = Path.Combine(directory, $".cryptofunk-write-check-{Guid.NewGuid():N}");
        try
        {
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
