using System.Text.Json;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Reads the order rules from <c>GET /api/v3/exchangeInfo?symbols=[...]</c>: per symbol, <c>LOT_SIZE</c>
/// (<c>minQty</c>, <c>stepSize</c>), <c>NOTIONAL</c> or the older <c>MIN_NOTIONAL</c> (<c>minNotional</c>) and
/// <c>PRICE_FILTER</c> (<c>tickSize</c>), decimal strings. A symbol asked for but missing, or without one of these
/// filters, is an error: trading on guessed rules could place orders the exchange refuses.
/// </summary>
internal static class BinanceExchangeInfoParser
{
    /// <summary>Parses the answer into the rules of each of <paramref name="symbols"/>.</summary>
    public static IReadOnlyDictionary<MarketSymbol, ExchangeRules> Parse(JsonElement root, IReadOnlyList<MarketSymbol> symbols, string request)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("symbols", out var listed) || listed.ValueKind != JsonValueKind.Array)
        {
            throw new ExchangeResponseException($"Binance answered {request} with {BinanceJson.Show(root)} instead of an object with a 'symbols' array");
        }

        var byName = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in listed.EnumerateArray())
        {
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("symbol", out var name) && name.ValueKind == JsonValueKind.String)
            {
                byName[name.GetString()!] = entry;
            }
        }

        var rules = new Dictionary<MarketSymbol, ExchangeRules>(symbols.Count);
        foreach (var symbol in symbols)
        {
            var pair = BinanceSymbols.ToBinance(symbol);
            rules[symbol] = byName.TryGetValue(pair, out var entry)
                ? Rules(entry, pair, request)
                : throw new ExchangeResponseException($"exchange info of {request} has no entry for {pair}");
        }

        return rules;
    }

    private static ExchangeRules Rules(JsonElement entry, string pair, string request)
    {
        var filters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (entry.TryGetProperty("filters", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var filter in list.EnumerateArray())
            {
                if (filter.ValueKind == JsonValueKind.Object && filter.TryGetProperty("filterType", out var type) && type.ValueKind == JsonValueKind.String)
                {
                    filters[type.GetString()!] = filter;
                }
            }
        }

        decimal Read(string filterType, string field)
        {
            if (!filters.TryGetValue(filterType, out var filter))
            {
                throw new ExchangeResponseException($"exchange info of {pair} ({request}) has no {filterType} filter");
            }

            return filter.TryGetProperty(field, out var value) && BinanceJson.TryReadDecimal(value, allowSign: false, out var parsed)
                ? parsed
                : throw new ExchangeResponseException($"exchange info of {pair} ({request}): {filterType}.{field} is missing or not a decimal string");
        }

        var notional = filters.ContainsKey("NOTIONAL") ? "NOTIONAL" : "MIN_NOTIONAL";
        return new ExchangeRules(
            MinQuantity: Read("LOT_SIZE", "minQty"),
            StepSize: Read("LOT_SIZE", "stepSize"),
            MinNotional: Read(notional, "minNotional"),
            TickSize: Read("PRICE_FILTER", "tickSize"));
    }
}
