namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Finds the prompt folder for a configured path, so <c>cryptofunk</c> works from the repository root, from its own
/// output folder, and from tests running below the repository.
/// </summary>
public static class PromptDirectory
{
    /// <summary>
    /// <paramref name="configured"/> as an absolute path: as given when absolute; otherwise the first existing of
    /// working directory + path, program folder + path, and any ancestor of the program folder + path. When none
    /// exists, the working-directory path (so the error names where it was expected).
    /// </summary>
    public static string Resolve(string configured)
    {
        if (Path.IsPathRooted(configured))
        {
            return Path.GetFullPath(configured);
        }

        var fromWorkingDirectory = Path.GetFullPath(configured);
        if (Directory.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return fromWorkingDirectory;
    }
}
