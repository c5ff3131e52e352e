using System.Diagnostics;

namespace CryptoFunk.Storage;

/// <summary>
/// Who runs a trading run, as <c>machine:pid</c>. A run still marked running whose owner is a process of this machine
/// that no longer exists was killed; an owner on another machine cannot be checked and is trusted.
/// </summary>
public static class RunOwner
{
    /// <summary>This process.</summary>
    public static string Current => $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>True when <paramref name="owner"/> names a process of this machine that has ended.</summary>
    public static bool IsGone(string? owner)
    {
        var colon = owner?.LastIndexOf(':') ?? -1;
        if (owner is null || colon < 0
            || owner[..colon] != Environment.MachineName
            || !int.TryParse(owner[(colon + 1)..], out var pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
