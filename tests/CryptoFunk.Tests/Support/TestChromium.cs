namespace CryptoFunk.Tests.Support;

/// <summary>
/// The system Chromium the browser tests drive (no browser is downloaded at test time): the one
/// <c>CRYPTOFUNK_TEST_CHROMIUM</c> names (CI installs Debian's <c>chromium</c> and sets it), else <c>chromium</c> on PATH.
/// A missing browser fails the test, since CI always has one.
/// </summary>
internal static class TestChromium
{
    /// <summary>The environment variable naming the browser.</summary>
    public const string Variable = "CRYPTOFUNK_TEST_CHROMIUM";

    /// <summary>The browser's executable; fails the test when there is none.</summary>
    public static string Path()
    {
        var named = Environment.GetEnvironmentVariable(Variable);
        var found = !string.IsNullOrWhiteSpace(named)
            ? named
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => System.IO.Path.Combine(dir, "chromium"))
                .FirstOrDefault(File.Exists);
        if (found is null || !File.Exists(found))
        {
            Assert.Fail($"no Chromium for the browser tests: install it (apt-get install -y chromium) or set {Variable} to its path (was '{named}')");
        }

        return found!;
    }
}
