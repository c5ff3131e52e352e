using CryptoFunk.Storage;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Engine.Desks;

/// <summary>
/// A market's decision at a close, ready for the account to store and execute: its rows, the order it means (not
/// placed), how the screen shows it, and the drawdown halt when that refused it.
/// </summary>
/// <param name="Record">The decision's rows with every agent's answer.</param>
/// <param name="Intent">The order the decision means, entry quantities and stops as the store holds them; null when none.</param>
/// <param name="Summary">The decision as the screen and log show it.</param>
/// <param name="Halt">The drawdown-halt refusal, when the halt refused the decision's trade; else null.</param>
public sealed record MarketVerdict(TradingDecisionRecord Record, OrderRequest? Intent, DecisionSummary Summary, TradeRefusal? Halt);
