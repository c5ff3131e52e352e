namespace CryptoFunk.Trading.Risk;

/// <summary>A requested quantity cut down by a hard limit, kept so every override of an agent can be shown and audited.</summary>
/// <param name="Limit">The limit that applied.</param>
/// <param name="Requested">Quantity asked for (by the strategy agent or the risk agent).</param>
/// <param name="Allowed">Quantity the limit allows.</param>
/// <param name="Reason">Who asked for what, and which limit allowed how much, in words.</param>
public sealed record RiskClamp(RiskLimit Limit, decimal Requested, decimal Allowed, string Reason);
