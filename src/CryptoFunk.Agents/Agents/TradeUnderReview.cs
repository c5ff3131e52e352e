using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Agents.Agents;

/// <summary>The chosen proposal as the risk agent sees it, with what code computed for it.</summary>
/// <param name="Trade">The trade the proposal asks for.</param>
/// <param name="Preview">The hard limits' verdict at the largest size they allow.</param>
/// <param name="Portfolio">The account the trade would join.</param>
public sealed record TradeUnderReview(TradeProposal Trade, RiskAssessment Preview, PortfolioExposure Portfolio);
