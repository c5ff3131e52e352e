namespace CryptoFunk.Storage;

/// <summary>The market's move from a decision's close to the close <see cref="Bars"/> bars later.</summary>
/// <param name="Bars">How many bars ahead.</param>
/// <param name="Close">The close of that later bar.</param>
/// <param name="ReturnPercent">Its change from the decision's close, in percent.</param>
/// <param name="KnownAt">That bar's close time: the first moment the label could be known, always after the decision.</param>
public sealed record ForwardReturn(int Bars, decimal Close, decimal ReturnPercent, DateTimeOffset KnownAt);
