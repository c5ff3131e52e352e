namespace CryptoFunk.Tests.Support;

/// <summary>
/// Finds the team's <c>shared/</c> folder, which sits beside the repository root (<c>../shared</c>).
/// A missing folder fails the test with a clear message rather than skipping it.
/// </summary>
internal static class SharedFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The absolute path of <paramref name="relative"/> inside <c>shared/</c>; fails if absent.</summary>
    public static string Path(string relative)
    {
        var path = System.IO.Path.Combine(Root.Value, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            Assert.Fail($"shared file '{relative}' not found at {path}");
        }

        return path;
    }

    /// <summary>The repository root (the folder holding CryptoFunk.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRoot()
    {
        var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared"));
        if (!Directory.Exists(shared))
        {
            Assert.Fail($"the shared folder was expected beside the repository at {shared}");
        }

        return shared;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CryptoFunk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CryptoFunk.sln not found above {AppContext.BaseDirectory}");
    }
}
