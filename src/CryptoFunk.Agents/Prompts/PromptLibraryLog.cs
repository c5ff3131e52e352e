using Microsoft.Extensions.Logging;

namespace CryptoFunk.Agents.Prompts;

/// <summary>The prompt library's log messages.</summary>
internal static partial class PromptLibraryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded prompt {PromptName} version {Version} from {FilePath}")]
    public static partial void PromptLoaded(ILogger logger, string promptName, string version, string filePath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Refused prompt file {FilePath}:{Line}: {Reason} ({Kept})")]
    public static partial void PromptFileRefused(ILogger logger, string filePath, int line, string reason, string kept);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Prompt directory {Directory} does not exist")]
    public static partial void DirectoryMissing(ILogger logger, string directory);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Prompt file {FilePath} was removed")]
    public static partial void PromptFileRemoved(ILogger logger, string filePath);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Watching {Directory} failed; edits are still found by checking each prompt's file before use")]
    public static partial void WatchFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Duplicate prompt name {PromptName}: {Reason}")]
    public static partial void DuplicateName(ILogger logger, string promptName, string reason);
}
