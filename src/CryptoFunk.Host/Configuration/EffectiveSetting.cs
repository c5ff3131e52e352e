namespace CryptoFunk.Host.Configuration;

/// <summary>One configuration key as the program uses it: its value (secrets redacted) and where the value came from.</summary>
/// <param name="Key">The key, such as <c>Trading:ConsensusThreshold</c> or <c>Trading:AnalysisAgents:0</c>.</param>
/// <param name="Value">The value in effect; <c>***</c> for a secret, empty when unset.</param>
/// <param name="Origin"><c>default</c>, <c>file PATH</c>, <c>environment (CRYPTOFUNK_*)</c> or <c>command line</c>.</param>
/// <param name="Known">False for a key no setting reads (a typo, or a key of an older version).</param>
internal sealed record EffectiveSetting(string Key, string Value, string Origin, bool Known);
