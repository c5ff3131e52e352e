using System.Security.Cryptography;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// A prompt file's version: the first 16 hex digits of the SHA-256 of its bytes. Decisions record it, so a result
/// can always be traced to the exact prompt text that produced it, and an unchanged file keeps its version.
/// </summary>
public static class PromptVersion
{
    /// <summary>The version of a file with these bytes.</summary>
    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];
}
