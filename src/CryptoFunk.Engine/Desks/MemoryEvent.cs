using CryptoFunk.Agents.Memory;

namespace CryptoFunk.Engine.Desks;

/// <summary>
/// One thing a market's decision memory learns, in the order the account learned it: an agent's answer behind an
/// entry (<see cref="Entry"/>), or the result of a trade once it closed (<see cref="Outcome"/>). The account keeps
/// them per market, so a desk built anew (another silo) learns the same memory in the same order.
/// </summary>
/// <param name="Entry">An agent's answer behind an entry, or null.</param>
/// <param name="Outcome">A closed trade's result for the entries that opened it, or null.</param>
public sealed record MemoryEvent(MemoryEntry? Entry, TradeResult? Outcome);
