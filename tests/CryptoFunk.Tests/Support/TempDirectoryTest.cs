using Microsoft.Data.Sqlite;

namespace CryptoFunk.Tests.Support;

/// <summary>
/// A test class whose every test gets a fresh directory, deleted after it with SQLite's pooled connections closed
/// first (a pooled connection keeps a database file open, so the directory could not be deleted).
/// </summary>
public abstract class TempDirectoryTest
{
    /// <summary>The directory of the test running now.</summary>
    protected TempDirectory Temp { get; private set; } = null!;

    [SetUp]
    public void CreateTempDirectory() => Temp = new TempDirectory();

    [TearDown]
    public void DeleteTempDirectory()
    {
        SqliteConnection.ClearAllPools();
        Temp.Dispose();
    }
}
