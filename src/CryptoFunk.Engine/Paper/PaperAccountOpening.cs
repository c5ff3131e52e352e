using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Paper;

/// <summary>What a paper account is opened with, wherever it is hosted: the account, its markets' candles and the rules it trades under.</summary>
/// <param name="Account">The account's name (its run is <c>paper-NAME</c>).</param>
/// <param name="Capital">Starting cash in the quote asset.</param>
/// <param name="Markets">The markets' histories, reaching back to the account's first stored close, in settlement order.</param>
/// <param name="Rules">Each market's exchange order rules, as the run stored them.</param>
/// <param name="OrderBooks">Whether the feed hands over order books, so the order-book agents take part.</param>
public sealed record PaperAccountOpening(
    string Account,
    decimal Capital,
    IReadOnlyList<MarketHistory> Markets,
    IReadOnlyDictionary<MarketSymbol, ExchangeRules> Rules,
    bool OrderBooks)
{
    /// <summary>This opening with the markets in <paramref name="extended"/> replaced by those longer histories (live data), so an account opened again later gets every candle so far.</summary>
    public PaperAccountOpening With(IReadOnlyList<MarketHistory> extended) =>
        extended.Count == 0 ? this : this with { Markets = [.. Markets.Select(m => extended.LastOrDefault(e => e.Symbol == m.Symbol) ?? m)] };
}
