namespace CryptoFunk.Benchmarks;

/// <summary>Finds the repository (the folder holding CryptoFunk.sln) and the shared data beside it.</summary>
internal static class Paths
{
    public static string RepositoryRoot { get; } = Find();

    public static string Shared(string relative) => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", relative));

    private static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CryptoFunk.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("CryptoFunk.sln not found above the working directory; run the benchmarks from the repository");
    }
}
