using CryptoFunk.Host;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Support;

/// <summary>
/// Runs <c>cryptofunk</c> in this process, as the program runs it, with extra settings on top of its configuration
/// and the repository's prompts, and captures what it writes.
/// </summary>
internal static class InProcessProgram
{
    /// <summary>Runs <paramref name="args"/>; returns the exit code and standard output and error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var all = new Dictionary<string, string?>(settings) { ["Prompts:Directory"] = System.IO.Path.Combine(SharedFiles.RepositoryRoot, "prompts") };
        var exitCode = await CryptoFunkApp.RunAsync(args, output, error, c => c.AddInMemoryCollection(all), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
