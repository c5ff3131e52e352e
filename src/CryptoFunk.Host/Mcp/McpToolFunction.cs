using Microsoft.Extensions.AI;

namespace CryptoFunk.Host.Mcp;

/// <summary>
/// One plugin function as an MCP tool: its name, description and schema are the agents' (the same
/// PluginAIFunction), and each call goes to the <see cref="McpToolbox"/>'s current plugins, so
/// the tool always answers as of the market's "now" and never from a stale copy.
/// </summary>
internal sealed class McpToolFunction(AIFunction template, McpToolbox toolbox) : DelegatingAIFunction(template)
{
    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        toolbox.InvokeAsync(Name, arguments, cancellationToken);
}
