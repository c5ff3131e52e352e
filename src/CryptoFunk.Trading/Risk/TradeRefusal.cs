namespace CryptoFunk.Trading.Risk;

/// <summary>One reason a trade was refused: a stable code to count and compare by, and the words that explain it.</summary>
/// <param name="Code">One of <see cref="RefusalCodes"/>.</param>
/// <param name="Reason">What was refused and why, with the numbers.</param>
public sealed record TradeRefusal(string Code, string Reason);
