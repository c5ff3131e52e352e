using System.Globalization;
using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// The one place an order is held against <see cref="ExchangeRules"/>, so the risk gate and the broker refuse the
/// same orders with the same words (<c>0.00000008 BTC is below the minimum quantity 0.00001 BTC of BTC/USDT</c>).
/// Amounts keep their small decimals, so a dust quantity never reads as zero.
/// </summary>
public static class ExchangeRuleChecks
{
    /// <summary>
    /// The first rule of <paramref name="symbol"/> that an order of <paramref name="quantity"/> breaks: the minimum
    /// quantity, the step size, the minimum order value at <paramref name="price"/> (skipped when null: no price known
    /// yet) and the tick size of <paramref name="limitPrice"/>; null when it meets them all.
    /// </summary>
    public static ExchangeRuleBreach? Check(this ExchangeRules rules, MarketSymbol symbol, decimal quantity, decimal? price, decimal? limitPrice = null) =>
        CheckQuantity(rules, symbol, quantity)
        ?? (price is { } p ? CheckNotional(rules, symbol, quantity, p) : null)
        ?? (limitPrice is { } limit && !rules.FitsTick(limit)
            ? new ExchangeRuleBreach(ExchangeRuleKind.TickSize, $"limit price {Exact(limit)} is not a multiple of the tick size {Exact(rules.TickSize)} of {symbol}")
            : null);

    /// <summary>Whether <paramref name="quantity"/> meets the minimum quantity and the step size; null when it does.</summary>
    public static ExchangeRuleBreach? CheckQuantity(this ExchangeRules rules, MarketSymbol symbol, decimal quantity)
    {
        if (quantity < rules.MinQuantity)
        {
            return new ExchangeRuleBreach(
                ExchangeRuleKind.MinQuantity,
                $"{Exact(quantity)} {symbol.Base} is below the minimum quantity {Exact(rules.MinQuantity)} {symbol.Base} of {symbol}");
        }

        return rules.FitsStep(quantity)
            ? null
            : new ExchangeRuleBreach(
                ExchangeRuleKind.StepSize,
                $"{Exact(quantity)} {symbol.Base} is not a multiple of the step size {Exact(rules.StepSize)} {symbol.Base} of {symbol}");
    }

    /// <summary>Whether <paramref name="quantity"/> at <paramref name="price"/> is worth the minimum order value; null when it is.</summary>
    public static ExchangeRuleBreach? CheckNotional(this ExchangeRules rules, MarketSymbol symbol, decimal quantity, decimal price)
    {
        var notional = quantity * price;
        return notional >= rules.MinNotional
            ? null
            : new ExchangeRuleBreach(
                ExchangeRuleKind.MinNotional,
                $"{Exact(quantity)} {symbol.Base} at {Exact(price)} is worth {Exact(notional)} {symbol.Quote}, " +
                $"below the minimum order value {Exact(rules.MinNotional)} {symbol.Quote} of {symbol}");
    }

    /// <summary>At least ten decimals (what the store keeps) and at least eight significant digits, trailing zeros dropped.</summary>
    private static string Exact(decimal value)
    {
        var magnitude = value == 0m ? 0 : (int)Math.Floor(Math.Log10((double)Math.Abs(value)));
        var decimals = Math.Clamp(7 - magnitude, 10, 28);
        return decimal.Round(value, decimals, MidpointRounding.ToZero).ToString("0.############################", CultureInfo.InvariantCulture);
    }
}
