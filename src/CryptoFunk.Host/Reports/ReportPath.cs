namespace CryptoFunk.Host.Reports;

/// <summary>
/// Checks where a report is to be written before any work is done, so a bad path costs one error line naming the
/// option rather than a finished backtest with nowhere to go.
/// </summary>
internal static class ReportPath
{
    /// <summary>Why <paramref name="path"/>, given with <paramref name="option"/>, cannot take the report; null when it can.</summary>
    public static string? Problem(string path, string option)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return $"{option} {path} is a folder; give a file name such as {Path.Combine(path, "report.html")}";
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            return $"{option} {path}: the folder {folder} does not exist";
        }

        try
        {
            using var probe = new FileStream(Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{option} {path} cannot be written: {e.Message}";
        }

        return null;
    }
}
