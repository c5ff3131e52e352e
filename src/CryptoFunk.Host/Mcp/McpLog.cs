using Microsoft.Extensions.Logging;

namespace CryptoFunk.Host.Mcp;

/// <summary>The MCP server's log lines; they go to standard error, as standard output carries only the protocol.</summary>
internal static partial class McpLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "MCP server on stdio: {Tools} tools on {Symbol} from {Source}; portfolio: {Account}")]
    public static partial void Serving(ILogger logger, int tools, string symbol, string source, string account);
}
